/**
 * Built-in reference data: the EMEA countries Spur ships with (ISO 3166-1 alpha-2, ISO 4217
 * currency, default ISO 639-1 language) and the country clusters programs address. One source
 * for the database seed (`seedReferenceData`), the demo generator and `spur simulate`.
 * A country may belong to several clusters; EMEA holds them all.
 */
export interface ReferenceCountry {
  code: string;
  name: string;
  currency: string;
  language: string;
}

export interface ReferenceCluster {
  clusterId: string;
  name: string;
  countries: string[];
}

export const REFERENCE_COUNTRIES: readonly ReferenceCountry[] = [
  { code: 'AE', name: 'United Arab Emirates', currency: 'AED', language: 'ar' },
  { code: 'AT', name: 'Austria', currency: 'EUR', language: 'de' },
  { code: 'BE', name: 'Belgium', currency: 'EUR', language: 'nl' },
  { code: 'BG', name: 'Bulgaria', currency: 'EUR', language: 'bg' },
  { code: 'CH', name: 'Switzerland', currency: 'CHF', language: 'de' },
  { code: 'CY', name: 'Cyprus', currency: 'EUR', language: 'el' },
  { code: 'CZ', name: 'Czechia', currency: 'CZK', language: 'cs' },
  { code: 'DE', name: 'Germany', currency: 'EUR', language: 'de' },
  { code: 'DK', name: 'Denmark', currency: 'DKK', language: 'da' },
  { code: 'EE', name: 'Estonia', currency: 'EUR', language: 'et' },
  { code: 'EG', name: 'Egypt', currency: 'EGP', language: 'ar' },
  { code: 'ES', name: 'Spain', currency: 'EUR', language: 'es' },
  { code: 'FI', name: 'Finland', currency: 'EUR', language: 'fi' },
  { code: 'FR', name: 'France', currency: 'EUR', language: 'fr' },
  { code: 'GB', name: 'United Kingdom', currency: 'GBP', language: 'en' },
  { code: 'GR', name: 'Greece', currency: 'EUR', language: 'el' },
  { code: 'HR', name: 'Croatia', currency: 'EUR', language: 'hr' },
  { code: 'HU', name: 'Hungary', currency: 'HUF', language: 'hu' },
  { code: 'IE', name: 'Ireland', currency: 'EUR', language: 'en' },
  { code: 'IL', name: 'Israel', currency: 'ILS', language: 'he' },
  { code: 'IS', name: 'Iceland', currency: 'ISK', language: 'is' },
  { code: 'IT', name: 'Italy', currency: 'EUR', language: 'it' },
  { code: 'LT', name: 'Lithuania', currency: 'EUR', language: 'lt' },
  { code: 'LU', name: 'Luxembourg', currency: 'EUR', language: 'fr' },
  { code: 'LV', name: 'Latvia', currency: 'EUR', language: 'lv' },
  { code: 'MT', name: 'Malta', currency: 'EUR', language: 'en' },
  { code: 'NL', name: 'Netherlands', currency: 'EUR', language: 'nl' },
  { code: 'NO', name: 'Norway', currency: 'NOK', language: 'nb' },
  { code: 'PL', name: 'Poland', currency: 'PLN', language: 'pl' },
  { code: 'PT', name: 'Portugal', currency: 'EUR', language: 'pt' },
  { code: 'RO', name: 'Romania', currency: 'RON', language: 'ro' },
  { code: 'RS', name: 'Serbia', currency: 'RSD', language: 'sr' },
  { code: 'SA', name: 'Saudi Arabia', currency: 'SAR', language: 'ar' },
  { code: 'SE', name: 'Sweden', currency: 'SEK', language: 'sv' },
  { code: 'SI', name: 'Slovenia', currency: 'EUR', language: 'sl' },
  { code: 'SK', name: 'Slovakia', currency: 'EUR', language: 'sk' },
  { code: 'TR', name: 'Türkiye', currency: 'TRY', language: 'tr' },
  { code: 'ZA', name: 'South Africa', currency: 'ZAR', language: 'en' },
];

const ALL = REFERENCE_COUNTRIES.map((country) => country.code);

export const REFERENCE_CLUSTERS: readonly ReferenceCluster[] = [
  { clusterId: 'EMEA', name: 'Europe, Middle East and Africa', countries: ALL },
  { clusterId: 'DACH', name: 'Germany, Austria, Switzerland', countries: ['DE', 'AT', 'CH'] },
  { clusterId: 'NORDICS', name: 'Nordics', countries: ['SE', 'NO', 'DK', 'FI', 'IS'] },
  { clusterId: 'UKI', name: 'United Kingdom and Ireland', countries: ['GB', 'IE'] },
  { clusterId: 'BENELUX', name: 'Benelux', countries: ['BE', 'NL', 'LU'] },
  { clusterId: 'FRANCE', name: 'France', countries: ['FR'] },
  { clusterId: 'SOUTH', name: 'Southern Europe', countries: ['ES', 'PT', 'IT', 'GR', 'CY', 'MT'] },
  {
    clusterId: 'CEE',
    name: 'Central and Eastern Europe',
    countries: ['PL', 'CZ', 'SK', 'HU', 'RO', 'BG', 'SI', 'HR', 'EE', 'LV', 'LT', 'RS'],
  },
  { clusterId: 'MEA', name: 'Middle East and Africa', countries: ['TR', 'AE', 'SA', 'IL', 'ZA', 'EG'] },
  {
    clusterId: 'EUROZONE',
    name: 'Euro area',
    countries: REFERENCE_COUNTRIES.filter((c) => c.currency === 'EUR').map((c) => c.code),
  },
];

/** Cluster ids per country code, for eligibility checks outside the database (`spur simulate`). */
export function clustersByCountry(clusters: readonly ReferenceCluster[] = REFERENCE_CLUSTERS): Map<string, string[]> {
  const byCountry = new Map<string, string[]>();
  for (const cluster of clusters) {
    for (const code of cluster.countries) {
      byCountry.set(code, [...(byCountry.get(code) ?? []), cluster.clusterId]);
    }
  }
  return byCountry;
}
