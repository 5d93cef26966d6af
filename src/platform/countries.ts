// Country/region reference list (ISO 3166-1 alpha-2 codes), named by the runtime's own Unicode data.
const notCountries = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA', 'CQ']);

function build(): { id: string; name: string }[] {
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const list: { id: string; name: string }[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const id = String.fromCharCode(a, b);
      if (notCountries.has(id)) continue;
      const name = names.of(id);
      if (name && name !== id) list.push({ id, name });
    }
  }
  return list.sort((x, y) => x.name.localeCompare(y.name));
}

export const countries = build();
export const countryIds: readonly string[] = countries.map((c) => c.id);
