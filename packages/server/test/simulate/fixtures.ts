import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CANONICAL_FILES: Record<string, string> = {
  'partners.csv': `partner_id,name,type,country,level,distributor_id,individual_agreement
D-DE,"Distri, GmbH",distributor,DE,,,false
D-SE,Distri AB,distributor,SE,,,false
R-DE1,Reseller One,reseller,DE,gold,D-DE,false
R-DE2,Reseller Two,reseller,DE,silver,D-DE,false
R-AT1,Reseller Austria,reseller,AT,Platinum,D-DE,true
R-CH1,Reseller Suisse,reseller,CH,gold,D-DE,false
R-SE1,Återförsäljare Ett,reseller,SE,gold,D-SE,false
`,
  'users.csv': `user_id,partner_id,email,name,language,groups
U1,R-DE1,u1@example.com,Rep One,de,reps
U2,R-CH1,u2@example.com,Rep Two,de,reps;admins
`,
  'products.csv': `sku,name,family,category
SRV-ML110,"ML110 Server, ""tower""",SERVER,tower
SRV-DL380,DL380,SERVER,rack
STO-1,Storage,STORAGE,array
NB-1,Notebook,NOTEBOOK,client
SW-1,Software,SOFTWARE,license
`,
  'fx.csv': `month,currency,eur_rate
2026-01,CHF,1.05
2026-02,CHF,1.04
2026-01,SEK,0.087
2026-02,SEK,0.088
`,
  'goals.csv': `program_id,participant_id,period_start,metric,target
cashpaq,R-SE1,2026-01-01,units,10
`,
  'sellout.csv': `distributor_id,line_id,invoice_date,reseller_id,rep_id,sku,quantity,net_amount,currency
D-SE,1,2026-01-05,R-SE1,,SRV-ML110,5,15000.00,SEK
D-SE,2,2026-01-20,R-SE1,,SRV-DL380,10,300000.00,SEK
D-DE,1,2026-01-10,R-DE1,U1,NB-1,4,3200.00,EUR
D-DE,2,2026-02-11,R-DE1,U1,SRV-DL380,2,12000.00,EUR
D-DE,3,2026-02-12,R-DE1,,SW-1,1,30000.00,EUR
D-DE,4,2026-03-02,R-CH1,U2,STO-1,1,20000.00,CHF
D-DE,5,2026-01-15,R-CH1,U2,STO-1,-1,-20000.00,CHF
D-DE,6,2026-01-15,R-CH1,U2,STO-1,1,20000.00,CHF
D-DE,7,2026-01-16,R-DE2,,SRV-DL380,9,60000.00,EUR
D-DE,8,2026-02-16,R-AT1,,SRV-DL380,9,60000.00,EUR
`,
};

/** Writes the canonical files (with overrides) to a fresh temporary folder. */
export function dataDir(overrides: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'spur-simulate-'));
  for (const [name, text] of Object.entries({ ...CANONICAL_FILES, ...overrides })) writeFileSync(join(dir, name), text);
  return dir;
}

export function example(name: string): string {
  return new URL(`../../../../examples/programs/${name}.yaml`, import.meta.url).pathname;
}
