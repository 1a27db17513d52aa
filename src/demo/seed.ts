/**
 * The demo data that `npm start` loads and the tests rely on. Ids and pass numbers are derived from
 * fixed keys, and every row is `INSERT OR IGNORE`, so loading twice changes nothing.
 * Runs in Node (scripts/start.ts, vitest.config.ts) and needs only WebCrypto.
 */
import { hashPassword } from '../auth/passwords.ts';
import { seasonOf } from '../memberships/seasons.ts';
import { luhnCheckDigit } from '../lib/pass-number.ts';
import { statusUntil } from '../status/derive.ts';

export const DEMO_PASSWORD = 'demo-password';

export const DEMO_ACCOUNTS = {
  admin: 'admin@demo.local',
  counter: 'counter@demo.local',
  club: 'club@demo.local',
  door: 'door@demo.local',
  resident: 'resident@demo.local',
  neighbour: 'neighbour@demo.local',
} as const;

async function digest(key: string): Promise<Uint8Array> {
  return new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`buurtpas-demo:${key}`)),
  );
}

/** A stable UUID-shaped id for a demo row. */
export async function demoId(key: string): Promise<string> {
  const hex = Array.from((await digest(key)).slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A stable, valid pass number for a demo resident. */
export async function demoPassNumber(key: string): Promise<string> {
  const body = Array.from((await digest(`pass:${key}`)).slice(0, 12), (b) => String(b % 10)).join('');
  return body + String(luhnCheckDigit(body));
}

function literal(value: string | number | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

function insert(table: string, row: Record<string, string | number | null>): string {
  const columns = Object.keys(row);
  return `INSERT OR IGNORE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => literal(row[c]!)).join(', ')});`;
}

type Resident = {
  key: string;
  first: string;
  last: string;
  birth: string;
  municipality: 'demostad' | 'buurdorp';
  hood: string;
  household: string;
  account?: keyof typeof DEMO_ACCOUNTS;
  locale?: 'nl' | 'fr' | 'en';
};

const NEIGHBOURHOODS = [
  {
    key: 'demostad-centrum',
    municipality: 'demostad',
    name: 'Centrum',
    postal: ['9300'],
    lat: 50.9378,
    lon: 4.0403,
  },
  {
    key: 'demostad-station',
    municipality: 'demostad',
    name: 'Stationswijk',
    postal: ['9300'],
    lat: 50.9424,
    lon: 4.0366,
  },
  {
    key: 'demostad-molenhoek',
    municipality: 'demostad',
    name: 'Molenhoek',
    postal: ['9308'],
    lat: 50.9271,
    lon: 4.0589,
  },
  {
    key: 'buurdorp-dorpskern',
    municipality: 'buurdorp',
    name: 'Dorpskern',
    postal: ['9310'],
    lat: 50.9512,
    lon: 4.1147,
  },
  {
    key: 'buurdorp-heide',
    municipality: 'buurdorp',
    name: 'Heide',
    postal: ['9310', '9311'],
    lat: 50.9602,
    lon: 4.1301,
  },
] as const;

const RESIDENTS: Resident[] = [
  {
    key: 'resident',
    first: 'Samira',
    last: 'El Amrani',
    birth: '1987-03-14',
    municipality: 'demostad',
    hood: 'demostad-station',
    household: 'h1',
    account: 'resident',
  },
  {
    key: 'samira-partner',
    first: 'Youssef',
    last: 'El Amrani',
    birth: '1984-11-02',
    municipality: 'demostad',
    hood: 'demostad-station',
    household: 'h1',
    locale: 'fr',
  },
  {
    key: 'samira-child-1',
    first: 'Nour',
    last: 'El Amrani',
    birth: '2014-06-21',
    municipality: 'demostad',
    hood: 'demostad-station',
    household: 'h1',
  },
  {
    key: 'samira-child-2',
    first: 'Adam',
    last: 'El Amrani',
    birth: '2017-09-05',
    municipality: 'demostad',
    hood: 'demostad-station',
    household: 'h1',
  },
  {
    key: 'neighbour',
    first: 'Jan',
    last: 'Peeters',
    birth: '1958-01-30',
    municipality: 'demostad',
    hood: 'demostad-station',
    household: 'h2',
    account: 'neighbour',
  },
  {
    key: 'jan-partner',
    first: 'Maria',
    last: 'Peeters',
    birth: '1960-05-12',
    municipality: 'demostad',
    hood: 'demostad-station',
    household: 'h2',
  },
  {
    key: 'r07',
    first: 'Lotte',
    last: 'Janssens',
    birth: '1995-02-08',
    municipality: 'demostad',
    hood: 'demostad-centrum',
    household: 'h3',
  },
  {
    key: 'r08',
    first: 'Ahmed',
    last: 'Yilmaz',
    birth: '1979-07-19',
    municipality: 'demostad',
    hood: 'demostad-centrum',
    household: 'h4',
  },
  {
    key: 'r09',
    first: 'Elif',
    last: 'Yilmaz',
    birth: '2010-12-01',
    municipality: 'demostad',
    hood: 'demostad-centrum',
    household: 'h4',
  },
  {
    key: 'r10',
    first: 'Marc',
    last: 'Dubois',
    birth: '1969-04-23',
    municipality: 'demostad',
    hood: 'demostad-molenhoek',
    household: 'h5',
    locale: 'fr',
  },
  {
    key: 'r11',
    first: 'Olena',
    last: 'Kovalenko',
    birth: '1990-10-10',
    municipality: 'demostad',
    hood: 'demostad-molenhoek',
    household: 'h6',
    locale: 'en',
  },
  {
    key: 'r12',
    first: 'Mykola',
    last: 'Kovalenko',
    birth: '2016-03-03',
    municipality: 'demostad',
    hood: 'demostad-molenhoek',
    household: 'h6',
    locale: 'en',
  },
  {
    key: 'r13',
    first: 'Greet',
    last: 'Wouters',
    birth: '1948-08-17',
    municipality: 'demostad',
    hood: 'demostad-molenhoek',
    household: 'h7',
  },
  {
    key: 'r14',
    first: 'Kobe',
    last: 'Maes',
    birth: '2001-01-09',
    municipality: 'demostad',
    hood: 'demostad-centrum',
    household: 'h8',
  },
  {
    key: 'r15',
    first: 'Fatou',
    last: 'Diallo',
    birth: '1992-06-28',
    municipality: 'buurdorp',
    hood: 'buurdorp-dorpskern',
    household: 'h9',
    locale: 'fr',
  },
  {
    key: 'r16',
    first: 'Awa',
    last: 'Diallo',
    birth: '2019-02-14',
    municipality: 'buurdorp',
    hood: 'buurdorp-dorpskern',
    household: 'h9',
    locale: 'fr',
  },
  {
    key: 'r17',
    first: 'Pieter',
    last: 'Claes',
    birth: '1975-09-30',
    municipality: 'buurdorp',
    hood: 'buurdorp-heide',
    household: 'h10',
  },
  {
    key: 'r18',
    first: 'Ines',
    last: 'Claes',
    birth: '1977-12-12',
    municipality: 'buurdorp',
    hood: 'buurdorp-heide',
    household: 'h10',
  },
  {
    key: 'r19',
    first: 'Emma',
    last: 'Willems',
    birth: '2008-04-04',
    municipality: 'buurdorp',
    hood: 'buurdorp-heide',
    household: 'h11',
  },
  {
    key: 'r20',
    first: 'Rudi',
    last: 'Goossens',
    birth: '1955-11-11',
    municipality: 'buurdorp',
    hood: 'buurdorp-dorpskern',
    household: 'h12',
  },
];

/** Samira manages the passes of her two children. */
const GUARDIANS = [
  ['resident', 'samira-child-1'],
  ['resident', 'samira-child-2'],
  ['r08', 'r09'],
  ['r15', 'r16'],
] as const;

const POSTAL: Record<string, string> = Object.fromEntries(NEIGHBOURHOODS.map((n) => [n.key, n.postal[0]]));

/** Monday 00:00 UTC of the week after `now`, plus `days` and `hours`. */
function upcoming(now: Date, days: number, hours: number): string {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  start.setUTCDate(start.getUTCDate() + ((8 - start.getUTCDay()) % 7 || 7) + days);
  return new Date(start.getTime() + hours * 3_600_000).toISOString();
}

/** Every SQL statement of the demo data, in dependency order. `now` dates the upcoming activities. */
export async function demoSeedStatements(now: Date): Promise<string[]> {
  const at = now.toISOString();
  const id = demoId;
  const out: string[] = [];
  const region = await id('region');
  const municipalities = { demostad: await id('demostad'), buurdorp: await id('buurdorp') };
  out.push(insert('regions', { id: region, name: 'Regio Demo', created_at: at }));
  out.push(
    insert('municipalities', {
      id: municipalities.demostad,
      region_id: region,
      name: 'Demostad',
      social_house_phone: '050 12 34 56',
      social_house_address: 'Marktplein 1\n8000 Demostad',
      created_at: at,
    }),
  );
  out.push(
    insert('municipalities', {
      id: municipalities.buurdorp,
      region_id: region,
      name: 'Buurdorp',
      social_house_phone: '050 65 43 21',
      social_house_address: 'Dorpsstraat 10\n8010 Buurdorp',
      created_at: at,
    }),
  );
  for (const n of NEIGHBOURHOODS) {
    out.push(
      insert('neighbourhoods', {
        id: await id(n.key),
        municipality_id: municipalities[n.municipality],
        name: n.name,
        postal_codes: JSON.stringify(n.postal),
        lat: n.lat,
        lon: n.lon,
        created_at: at,
      }),
    );
  }

  const hash = await hashPassword(DEMO_PASSWORD);
  const user = async (key: keyof typeof DEMO_ACCOUNTS, displayName: string, locale = 'nl') =>
    insert('users', {
      id: await id(`user:${key}`),
      email: DEMO_ACCOUNTS[key],
      password_hash: hash,
      display_name: displayName,
      locale,
      created_at: at,
    });
  out.push(await user('admin', 'An Vermeulen'));
  out.push(await user('counter', 'Bart De Smet'));
  out.push(await user('club', 'Chris Van Damme'));
  out.push(await user('door', 'Dina Hermans'));
  out.push(await user('resident', 'Samira El Amrani'));
  out.push(await user('neighbour', 'Jan Peeters'));

  const sports = await id('club:sports');
  const culture = await id('club:culture');
  const chess = await id('club:chess');
  const admin = await id('user:admin');
  const club = (
    key: string,
    clubId: string,
    municipality: string,
    name: string,
    kind: string,
    approved: boolean,
  ) =>
    insert('clubs', {
      id: clubId,
      municipality_id: municipality,
      name,
      kind,
      status: approved ? 'approved' : 'pending',
      contact_email: `${key}@clubs.demo.local`,
      approved_at: approved ? at : null,
      approved_by: approved ? admin : null,
      created_at: at,
    });
  out.push(club('sport', sports, municipalities.demostad, 'Sportclub Demostad', 'sports', true));
  out.push(club('schakel', culture, municipalities.buurdorp, 'Cultuurhuis De Schakel', 'culture', true));
  out.push(club('schaak', chess, municipalities.demostad, 'Schaakclub Het Paard', 'other', false));

  const role = async (
    key: keyof typeof DEMO_ACCOUNTS,
    r: string,
    municipalityId: string | null,
    clubId: string | null,
  ) =>
    insert('staff_roles', {
      user_id: await id(`user:${key}`),
      role: r,
      municipality_id: municipalityId,
      club_id: clubId,
      created_at: at,
    });
  out.push(await role('admin', 'municipality_admin', municipalities.demostad, null));
  out.push(await role('counter', 'counter', municipalities.demostad, null));
  out.push(await role('club', 'club_admin', null, sports));
  out.push(await role('door', 'door', null, sports));

  const households = new Set<string>();
  for (const r of RESIDENTS) {
    if (!households.has(r.household)) {
      households.add(r.household);
      out.push(
        insert('households', {
          id: await id(`household:${r.household}`),
          municipality_id: municipalities[r.municipality],
          created_at: at,
        }),
      );
    }
    out.push(
      insert('passholders', {
        id: await id(`passholder:${r.key}`),
        municipality_id: municipalities[r.municipality],
        neighbourhood_id: await id(r.hood),
        household_id: await id(`household:${r.household}`),
        user_id: r.account ? await id(`user:${r.account}`) : null,
        pass_number: await demoPassNumber(r.key),
        first_name: r.first,
        last_name: r.last,
        birth_date: r.birth,
        postal_code: POSTAL[r.hood]!,
        address: null,
        email: r.account ? DEMO_ACCOUNTS[r.account] : null,
        phone: null,
        locale: r.locale ?? 'nl',
        created_at: at,
      }),
    );
  }

  for (const r of RESIDENTS) {
    out.push(insert('cards', { passholder_id: await id(`passholder:${r.key}`), version: 1, issued_at: at }));
  }
  for (const [guardian, ward] of GUARDIANS) {
    out.push(
      insert('guardianships', {
        guardian_id: await id(`passholder:${guardian}`),
        ward_id: await id(`passholder:${ward}`),
        basis: 'minor',
        created_at: at,
      }),
    );
  }

  // Social status: Samira's increased health allowance opens it (and her children's, as minors of her
  // household); Jan has none. Demostad and the region have tariff rules, so a social price shows at once.
  const today = at.slice(0, 10);
  const yearStart = `${today.slice(0, 4)}-01-01`;
  for (const kind of ['living_wage', 'increased_allowance', 'child_benefit_supplement'] as const) {
    out.push(
      insert('entitlement_rules', {
        municipality_id: municipalities.demostad,
        kind,
        opens_status: 1,
        duration: 'april30_after_next',
        grace_days: 60,
        updated_at: at,
      }),
    );
  }
  out.push(
    insert('entitlement_rules', {
      municipality_id: municipalities.demostad,
      kind: 'debt_mediation',
      opens_status: 1,
      duration: 'months_12',
      grace_days: 30,
      updated_at: at,
    }),
  );
  const entitlement = await id('entitlement:samira');
  out.push(
    insert('entitlements', {
      id: entitlement,
      passholder_id: await id('passholder:resident'),
      kind: 'increased_allowance',
      valid_from: today,
      valid_until: null,
      recorded_by: await id('user:counter'),
      created_at: at,
    }),
  );
  out.push(
    insert('status_grants', {
      id: await id('grant:samira'),
      passholder_id: await id('passholder:resident'),
      source: 'entitlement',
      reason: 'increased_allowance',
      valid_from: today,
      valid_until: statusUntil('april30_after_next', today, null),
      grace_days: 60,
      entitlement_id: entitlement,
      decided_by: await id('user:counter'),
      created_at: at,
    }),
  );
  // Local rights of Demostad (issue 14), linked to the status or an entitlement. Samira holds those of her
  // status and of her increased allowance; her children, minors who share her status, those of the status.
  const LOCAL_RIGHTS = [
    {
      key: 'school-meals',
      basis: 'status',
      grantedBy: 'Scholengroep Demostad',
      name: {
        nl: 'Schoolmaaltijden aan verminderd tarief',
        fr: 'Repas scolaires à tarif réduit',
        en: 'School meals at a reduced price',
      },
      description: {
        nl: 'Een warme maaltijd op school voor 1 euro.',
        fr: 'Un repas chaud à l’école pour 1 euro.',
        en: 'A hot meal at school for 1 euro.',
      },
      howToUse: {
        nl: 'Toon je pas op het secretariaat van de school.',
        fr: 'Montrez votre pass au secrétariat de l’école.',
        en: 'Show your pass at the school office.',
      },
    },
    {
      key: 'food-parcel',
      basis: 'living_wage',
      grantedBy: 'Voedselbank Demostad',
      name: { nl: 'Voedselpakket', fr: 'Colis alimentaire', en: 'Food parcel' },
      description: {
        nl: 'Elke week een pakket met verse en houdbare voeding.',
        fr: 'Chaque semaine, un colis de produits frais et de conserves.',
        en: 'Every week a parcel of fresh and long-life food.',
      },
      howToUse: {
        nl: 'Kom op woensdag tussen 14 en 17 uur naar de voedselbank, met je pas.',
        fr: 'Venez à la banque alimentaire le mercredi entre 14 et 17 heures, avec votre pass.',
        en: 'Come to the food bank on Wednesday between 2 and 5 pm, with your pass.',
      },
    },
    {
      key: 'swimming',
      basis: 'status',
      grantedBy: 'Stedelijk zwembad',
      name: {
        nl: 'Zwembad aan verminderd tarief',
        fr: 'Piscine à tarif réduit',
        en: 'Swimming pool at a reduced rate',
      },
      description: {
        nl: 'Zwemmen voor 1 euro per beurt.',
        fr: 'Nager pour 1 euro par entrée.',
        en: 'Swimming for 1 euro a visit.',
      },
      howToUse: {
        nl: 'Scan je pas aan de kassa van het zwembad.',
        fr: 'Scannez votre pass à la caisse de la piscine.',
        en: 'Scan your pass at the pool’s till.',
      },
    },
    {
      key: 'energy-premium',
      basis: 'increased_allowance',
      grantedBy: 'Gemeente Demostad',
      name: { nl: 'Energiepremie', fr: 'Prime énergie', en: 'Energy premium' },
      description: {
        nl: 'Eenmaal per jaar 150 euro voor je energiefactuur.',
        fr: '150 euros une fois par an pour votre facture d’énergie.',
        en: '150 euros once a year towards your energy bill.',
      },
      howToUse: {
        nl: 'Breng je laatste energiefactuur mee naar de balie van het Sociaal Huis.',
        fr: 'Apportez votre dernière facture d’énergie au guichet de la Maison sociale.',
        en: 'Bring your latest energy bill to the counter of the Social House.',
      },
    },
  ] as const;
  for (const r of LOCAL_RIGHTS) {
    out.push(
      insert('local_rights', {
        id: await id(`right:${r.key}`),
        municipality_id: municipalities.demostad,
        name: JSON.stringify(r.name),
        description: JSON.stringify(r.description),
        how_to_use: JSON.stringify(r.howToUse),
        granted_by: r.grantedBy,
        basis: r.basis,
        active: 1,
        created_by: await id('user:admin'),
        created_at: at,
        updated_at: at,
      }),
    );
  }
  for (const [holder, rights] of [
    ['resident', ['school-meals', 'swimming', 'energy-premium']],
    ['samira-child-1', ['school-meals', 'swimming']],
    ['samira-child-2', ['school-meals', 'swimming']],
  ] as const) {
    for (const right of rights) {
      out.push(
        insert('holder_rights', {
          id: await id(`holding:${holder}:${right}`),
          right_id: await id(`right:${right}`),
          passholder_id: await id(`passholder:${holder}`),
          opened_on: today,
          ended_on: null,
          created_at: at,
        }),
      );
    }
  }
  const rule = (
    ruleId: string,
    owner: { municipality_id: string | null; region_id: string | null },
    keys: number[],
    nonresident: (number | null)[],
    caps: object,
  ) =>
    insert('tariff_rules', {
      id: ruleId,
      version: 1,
      ...owner,
      valid_from: yearStart,
      valid_until: null,
      participant_bp: keys[0]!,
      club_bp: keys[1]!,
      municipality_bp: keys[2]!,
      nonresident_participant_bp: nonresident[0]!,
      nonresident_club_bp: nonresident[1]!,
      nonresident_municipality_bp: nonresident[2]!,
      min_price_cents: 100,
      rounding_cents: 10,
      categories: null,
      caps: JSON.stringify(caps),
      cancel_window_hours: 72,
      created_by: admin,
      created_at: at,
    });
  out.push(
    rule(
      await id('rule:demostad'),
      { municipality_id: municipalities.demostad, region_id: null },
      [2000, 4000, 4000],
      [2500, 5000, 2500],
      {
        perActivity: 1,
        perPeriod: [{ period: 'MONTH', count: 10 }],
      },
    ),
  );
  out.push(
    rule(
      await id('rule:region'),
      { municipality_id: null, region_id: region },
      [2500, 3750, 3750],
      [null, null, null],
      { perActivity: 1 },
    ),
  );
  out.push(
    insert('municipality_budgets', {
      municipality_id: municipalities.demostad,
      year: Number(today.slice(0, 4)),
      amount_cents: 2_500_000,
      warning_pct: 80,
    }),
  );

  const activities = [
    {
      key: 'swim',
      club: sports,
      title: 'Zwemmen voor iedereen',
      category: 'sport',
      day: 1,
      hour: 17,
      length: 2,
      capacity: 30,
      price: 400,
      hood: 'demostad-centrum',
      venue: ['Stedelijk zwembad', 'Zwembadlaan 1, 9300 Demostad', 50.9381, 4.0412],
      access: ['step_free', 'wheelchair_toilet'],
      text: 'Vrij zwemmen met redders aan het bad. Badmuts niet verplicht.',
    },
    {
      key: 'football',
      club: sports,
      title: 'Voetbaltraining jeugd',
      category: 'sport',
      day: 2,
      hour: 16,
      length: 2,
      capacity: 20,
      price: 0,
      hood: 'demostad-molenhoek',
      venue: ['Sportpark Molenhoek', 'Molenstraat 40, 9308 Demostad', 50.9268, 4.0601],
      access: ['step_free'],
      text: 'Voor kinderen van 8 tot 12. Breng sportschoenen mee.',
    },
    {
      key: 'yoga',
      club: sports,
      title: 'Yoga in het park',
      category: 'sport',
      day: 5,
      hour: 9,
      length: 1,
      capacity: null,
      price: 500,
      hood: 'demostad-centrum',
      venue: ['Stadspark', 'Parkweg, 9300 Demostad', 50.9369, 4.0431],
      access: ['quiet_space'],
      text: 'Zachte yoga voor beginners, ook op een stoel. Gewoon langskomen.',
    },
    {
      key: 'tournament',
      club: sports,
      title: 'Minivoetbaltornooi',
      category: 'sport',
      day: 12,
      hour: 9,
      length: 6,
      capacity: 8,
      price: 1500,
      hood: 'demostad-molenhoek',
      venue: ['Sporthal Molenhoek', 'Molenstraat 42, 9308 Demostad', 50.927, 4.0605],
      access: ['step_free', 'wheelchair_toilet', 'parking'],
      text: 'Ploegen van vijf. Inschrijven per speler.',
    },
    {
      key: 'concert',
      club: culture,
      title: 'Concert: Koor en Strijkers',
      category: 'culture',
      day: 4,
      hour: 19,
      length: 2,
      capacity: 120,
      price: 1200,
      hood: 'buurdorp-dorpskern',
      venue: ['Cultuurhuis De Schakel', 'Dorpsplein 3, 9310 Buurdorp', 50.9514, 4.1151],
      access: ['step_free', 'hearing_loop', 'wheelchair_toilet'],
      text: 'Een avond koormuziek met het buurtkoor en een strijkkwartet.',
    },
    {
      key: 'workshop',
      club: culture,
      title: 'Workshop keramiek',
      category: 'course',
      day: 8,
      hour: 14,
      length: 3,
      capacity: 10,
      price: 2500,
      hood: 'buurdorp-heide',
      venue: ['Atelier De Heide', 'Heideweg 7, 9311 Buurdorp', 50.9605, 4.1309],
      access: [],
      text: 'Zelf een kom draaien. Alle materiaal is voorzien.',
    },
  ] as const;
  for (const a of activities) {
    out.push(
      insert('activities', {
        id: await id(`activity:${a.key}`),
        club_id: a.club,
        title: a.title,
        category: a.category,
        starts_at: upcoming(now, a.day, a.hour),
        ends_at: upcoming(now, a.day, a.hour + a.length),
        capacity: a.capacity,
        regular_price_cents: a.price,
        neighbourhood_id: await id(a.hood),
        created_at: at,
        description: JSON.stringify({ nl: a.text }),
        venue_name: a.venue[0],
        venue_address: a.venue[1],
        lat: a.venue[2],
        lon: a.venue[3],
        signup_required: a.capacity === null ? 0 : 1,
        points: a.price === 0 ? 2 : 1,
        accessibility: JSON.stringify(a.access),
      }),
    );
  }

  // Membership offers of the sports club for the current season: the till sells only these.
  const season = seasonOf(at.slice(0, 10));
  for (const [key, title, cents] of [
    ['adults', 'Lidgeld volwassenen', 6000],
    ['youth', 'Lidgeld jeugd', 4000],
  ] as const) {
    out.push(
      insert('membership_offers', {
        id: await id(`offer:${key}`),
        club_id: sports,
        season,
        title,
        category: 'sport',
        regular_price_cents: cents,
        created_at: at,
      }),
    );
  }

  // Rewards: one at the sports club, one of Demostad, and a welcome reward for newly activated passes.
  out.push(
    insert('rewards', {
      id: await id('reward:drink'),
      club_id: sports,
      title: 'Gratis drankje na het sporten',
      points_cost: 3,
      stock: 50,
      limit_count: 1,
      limit_period: 'WEEK',
      welcome: 0,
      valid_from: yearStart,
      created_at: at,
    }),
  );
  out.push(
    insert('rewards', {
      id: await id('reward:cinema'),
      municipality_id: municipalities.demostad,
      title: 'Filmticket in het cultuurcentrum',
      points_cost: 10,
      stock: 20,
      limit_count: 2,
      limit_period: 'YEAR',
      welcome: 0,
      valid_from: yearStart,
      created_at: at,
    }),
  );
  out.push(
    insert('rewards', {
      id: await id('reward:welcome'),
      club_id: sports,
      title: 'Welkom: eerste zwembeurt gratis',
      points_cost: 0,
      stock: null,
      welcome: 1,
      valid_from: yearStart,
      created_at: at,
    }),
  );
  out.push(
    insert('points_ledger', {
      id: await id('points:samira-welcome'),
      passholder_id: await id('passholder:resident'),
      points: 5,
      kind: 'welcome',
      note: 'Welkom bij Buurtpas',
      created_at: at,
    }),
  );
  out.push(...(await outreachDemo(now)));
  return out;
}

/**
 * Take-up and outreach (issue 14): Demostad residents the counter's worklist and the policy team's dashboard
 * show. Youssef (Samira's partner) has an entitlement but no status yet; Marie (Jan's partner) came with an
 * import list, never activated her pass and her letter is 45 days old; r07's status ends in a month; r08 has
 * had status for over a year without using the pass (a letter was sent, so the next step is a visit); r13 is in
 * the grace period; r14 is on an import list and not activated; r10 has the living wage; r11's status is new.
 */
async function outreachDemo(now: Date): Promise<string[]> {
  const id = demoId;
  const at = now.toISOString();
  const day = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  const ago = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const counter = await id('user:counter');
  const out: string[] = [];
  const grant = async (key: string, source: 'counter' | 'import', from: string, until: string, grace = 60) =>
    insert('status_grants', {
      id: await id(`grant:outreach:${key}`),
      passholder_id: await id(`passholder:${key}`),
      source,
      reason: source === 'import' ? 'import' : 'low_income',
      valid_from: from,
      valid_until: until,
      grace_days: grace,
      decided_by: source === 'counter' ? counter : null,
      created_at: at,
    });
  const entitlement = async (key: string, kind: string, from: string) =>
    insert('entitlements', {
      id: await id(`entitlement:outreach:${key}`),
      passholder_id: await id(`passholder:${key}`),
      kind,
      valid_from: from,
      valid_until: null,
      recorded_by: counter,
      created_at: at,
    });
  const letter = async (key: string, daysAgo: number) =>
    insert('audit_log', {
      id: await id(`audit:outreach-letter:${key}`),
      at: ago(daysAgo),
      actor_user_id: counter,
      passholder_id: await id(`passholder:${key}`),
      action: 'register',
      reason: 'counter_visit',
    });
  const phone = async (key: string, number: string) =>
    `UPDATE passholders SET phone = ${literal(number)} WHERE id = ${literal(await id(`passholder:${key}`))} AND phone IS NULL;`;
  const longUntil = statusUntil('april30_after_next', day(0), null);
  out.push(await entitlement('samira-partner', 'increased_allowance', day(-90)));
  out.push(await grant('jan-partner', 'import', day(-200), longUntil), await letter('jan-partner', 45));
  out.push(await grant('r07', 'counter', day(-300), day(30)), await phone('r07', '0470 12 34 07'));
  out.push(await grant('r08', 'import', day(-400), longUntil), await letter('r08', 400));
  out.push(
    insert('outreach_contacts', {
      id: await id('outreach-contact:r08'),
      passholder_id: await id('passholder:r08'),
      municipality_id: await id('demostad'),
      reason: 'not_used',
      how: 'letter',
      contacted_at: ago(20),
      outcome: 'sent',
      note: 'Brief met de activiteiten van deze maand en het nummer van het Sociaal Huis.',
      by_user: counter,
      created_at: ago(20),
    }),
  );
  out.push(await grant('r13', 'counter', day(-380), day(-20)), await phone('r13', '050 33 44 13'));
  out.push(await grant('r14', 'import', day(-100), longUntil), await letter('r14', 60));
  out.push(await entitlement('r10', 'living_wage', day(-150)));
  out.push(await grant('r11', 'counter', day(-20), longUntil));
  return out;
}
