/** How door staff and neighbours see a person: first name and the initial of the last name. */
export function displayName(firstName: string, lastName: string): string {
  const initial = lastName.trim().charAt(0);
  return initial ? `${firstName.trim()} ${initial.toUpperCase()}.` : firstName.trim();
}

/** Age in whole years on `today` (UTC date) for a birth date `YYYY-MM-DD`. */
export function ageOn(birthDate: string, today: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  const month = today.getUTCMonth() + 1;
  if (month < m || (month === m && today.getUTCDate() < d)) age--;
  return age;
}

export function isMinor(birthDate: string, today: Date): boolean {
  return ageOn(birthDate, today) < 18;
}

/** A birth date that is not in the future and not more than 120 years ago. */
export function isPlausibleBirthDate(birthDate: string, today: Date): boolean {
  const age = ageOn(birthDate, today);
  return Date.parse(`${birthDate}T00:00:00Z`) <= today.getTime() && age <= 120;
}
