import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { auditCsv, euros, statementCsv, textCell } from '../../src/statements/csv.ts';
import { call, demo, json, loginAs } from '../helpers/api.ts';
import { registerResident } from '../helpers/fixtures.ts';
import { sellAt } from './sell.ts';

const FORMULA = '=HYPERLINK("http://x")';

function rows(text: string): Record<string, string>[] {
  return parse(text, { delimiter: ';', bom: true, columns: true }) as Record<string, string>[];
}

describe('statement CSV', () => {
  it('neutralises every cell of text that a spreadsheet would read as a formula', () => {
    expect(textCell(FORMULA)).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const lead of ['=', '+', '-', '@', '\t', '\r', '\uFF1D']) {
      const cell = textCell(`${lead}1+1`);
      expect(cell.startsWith(`"'${lead}`), JSON.stringify(lead)).toBe(true);
      expect(cell.endsWith('"')).toBe(true);
    }
    expect(textCell('Zwemmen; 10-12 jaar')).toBe('"Zwemmen; 10-12 jaar"');
    expect(textCell('Yoga')).toBe('Yoga');
    expect(euros(-150)).toBe('-1,50');
    expect(euros(5)).toBe('0,05');
  });

  it('keeps amounts as numbers, negative ones too, and the club name as text', () => {
    const head = {
      clubId: 'c',
      clubName: '@club',
      month: '2026-09',
      status: 'open' as const,
      approvedAt: null,
      paidAt: null,
      currency: 'EUR' as const,
    };
    const amounts = { regularPrice: -400, paid: -100, clubShare: -150, municipalityShare: -150 };
    const club = statementCsv({
      ...head,
      groups: [
        {
          kind: 'correction',
          type: 'ticket',
          description: '-Zwemmen',
          unitRegularPrice: 400,
          unitPaid: 100,
          count: 1,
          ...amounts,
        },
      ],
      totals: { lines: 1, ...amounts },
    });
    expect(club).toContain(`correction;ticket;"'-Zwemmen";1;4,00;1,00;-4,00;-1,00;-1,50;-1,50\r\n`);
    expect(club).toContain(`total;;2026-09 @club;1;;;-4,00`);
    const audit = auditCsv({
      ...head,
      clubName: '+club',
      lines: [
        {
          saleId: 's1',
          kind: 'correction',
          type: 'ticket',
          at: '2026-03-28T23:15:00.000Z',
          activityId: null,
          description: '@Zwemmen',
          ...amounts,
        },
      ],
      totals: { lines: 1, ...amounts },
    });
    // 23:15 UTC on 28 March is 00:15 on 29 March in Brussels (winter time until the 29th).
    expect(audit).toContain(`s1;correction;ticket;2026-03-29;00:15;"'@Zwemmen";-4,00;-1,00;-1,50;-1,50\r\n`);
    expect(audit).toContain(';total;;;;2026-09 +club;-4,00;');
  });

  it('an activity titled as a formula reaches the club’s and the municipality’s spreadsheets as text', async () => {
    const counter = await loginAs('counter');
    const door = await loginAs('door');
    const clubId = await demo.sportsClub();
    const person = await registerResident(counter);
    await sellAt(door, person.passholder.passNumber, '2026-02-10T10:00:00.000Z', {
      title: FORMULA,
      regularPriceCents: 300,
    });
    for (const [path, token] of [
      [`/api/v1/clubs/${clubId}/statements/2026-02`, await loginAs('club')],
      [`/api/v1/clubs/${clubId}/statements/2026-02/lines`, await loginAs('admin')],
    ] as const) {
      const text = await (await call(path, { token, headers: { accept: 'text/csv' } })).text();
      expect(text).toContain(`;"'=HYPERLINK(""http://x"")";`);
      expect(text).not.toMatch(/(^|;)=HYPERLINK/m);
      const row = rows(text).find((r) => r.activity?.includes('HYPERLINK'))!;
      expect(row.activity).toBe(`'${FORMULA}`);
    }
    // The JSON keeps the title as it is: only the spreadsheet needs the guard.
    const statement = await json<{ groups: { description: string }[] }>(
      `/api/v1/clubs/${clubId}/statements/2026-02`,
      200,
      { token: await loginAs('club') },
    );
    expect(statement.groups.map((g) => g.description)).toContain(FORMULA);
  });
});
