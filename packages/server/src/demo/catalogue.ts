/**
 * The demo vendor's product catalogue: about 200 SKUs in six families. It is fixed (it does not
 * depend on the seed) because a vendor's price list does not change from one dataset to the
 * next, and the example programs name SKUs such as `SRV-DL380`.
 */
export type ProductFamily = 'SERVER' | 'STORAGE' | 'NOTEBOOK' | 'DESKTOP' | 'NETWORKING' | 'SOFTWARE';

export interface DemoProduct {
  sku: string;
  name: string;
  family: ProductFamily;
  category: string;
  /** Distributor list price to resellers, in EUR cents. */
  listPriceCents: number;
}

interface Model {
  code: string;
  name: string;
  category: string;
  euros: number;
}

interface Variant {
  /** Empty for the base configuration, whose SKU is the bare model code. */
  suffix: string;
  label: string;
  /** Price of this configuration in percent of the base price. */
  pricePercent: number;
}

interface FamilyLine {
  family: ProductFamily;
  prefix: string;
  models: Model[];
  variants: Variant[];
}

const LINES: FamilyLine[] = [
  {
    family: 'SERVER',
    prefix: 'SRV',
    models: [
      { code: 'ML30', name: 'ML30 Tower Server', category: 'tower', euros: 1190 },
      { code: 'ML110', name: 'ML110 Tower Server', category: 'tower', euros: 1890 },
      { code: 'ML350', name: 'ML350 Tower Server', category: 'tower', euros: 3950 },
      { code: 'DL20', name: 'DL20 Rack Server 1U', category: 'rack', euros: 1490 },
      { code: 'DL160', name: 'DL160 Rack Server 1U', category: 'rack', euros: 2790 },
      { code: 'DL360', name: 'DL360 Rack Server 1U', category: 'rack', euros: 4890 },
      { code: 'DL380', name: 'DL380 Rack Server 2U', category: 'rack', euros: 6490 },
      { code: 'DL385', name: 'DL385 Rack Server 2U', category: 'rack', euros: 6990 },
      { code: 'DL580', name: 'DL580 Rack Server 4U', category: 'rack', euros: 18900 },
      { code: 'BL460', name: 'BL460 Server Blade', category: 'blade', euros: 5290 },
    ],
    variants: [
      { suffix: '', label: 'base configuration', pricePercent: 100 },
      { suffix: 'PERF', label: 'performance configuration', pricePercent: 145 },
      { suffix: 'ENTRY', label: 'entry configuration', pricePercent: 82 },
      { suffix: 'GPU', label: 'GPU configuration', pricePercent: 260 },
    ],
  },
  {
    family: 'STORAGE',
    prefix: 'STO',
    models: [
      { code: 'MSA1060', name: 'MSA 1060 Disk Array', category: 'disk array', euros: 5900 },
      { code: 'MSA2060', name: 'MSA 2060 Disk Array', category: 'disk array', euros: 9400 },
      { code: 'HF20', name: 'Hybrid Flash Array HF20', category: 'flash array', euros: 24900 },
      { code: 'AF40', name: 'All Flash Array AF40', category: 'flash array', euros: 39900 },
      { code: 'NAS4', name: 'NAS Appliance 4-bay', category: 'nas', euros: 2490 },
      { code: 'LTO9', name: 'LTO-9 Tape Drive', category: 'tape', euros: 4290 },
      { code: 'AUTOLOADER', name: 'Tape Autoloader 1/8', category: 'tape', euros: 6890 },
      { code: 'SSD960', name: '960 GB SSD Drive', category: 'drive', euros: 390 },
      { code: 'HDD8T', name: '8 TB Disk Drive', category: 'drive', euros: 310 },
    ],
    variants: [
      { suffix: '', label: 'base', pricePercent: 100 },
      { suffix: 'EXP', label: 'with expansion', pricePercent: 135 },
      { suffix: 'CARE3Y', label: 'with 3-year care pack', pricePercent: 118 },
    ],
  },
  {
    family: 'NOTEBOOK',
    prefix: 'NB',
    models: [
      { code: 'PB440', name: 'Business Notebook 440 14"', category: 'business', euros: 890 },
      { code: 'PB450', name: 'Business Notebook 450 15.6"', category: 'business', euros: 940 },
      { code: 'EB640', name: 'Premium Notebook 640 14"', category: 'business', euros: 1190 },
      { code: 'EB840', name: 'Premium Notebook 840 14"', category: 'premium', euros: 1590 },
      { code: 'EB1040', name: 'Premium Notebook 1040 14"', category: 'premium', euros: 1990 },
      { code: 'DRAGONFLY', name: 'Ultralight Notebook 13.5"', category: 'premium', euros: 2390 },
      { code: 'ZB-FIREFLY', name: 'Mobile Workstation Light 14"', category: 'workstation', euros: 2190 },
      { code: 'ZB-POWER', name: 'Mobile Workstation 16"', category: 'workstation', euros: 2490 },
      { code: 'ZB-FURY', name: 'Mobile Workstation Pro 16"', category: 'workstation', euros: 3690 },
      { code: 'CB14', name: 'Education Notebook 14', category: 'education', euros: 390 },
    ],
    variants: [
      { suffix: '', label: 'i5, 16 GB, 512 GB', pricePercent: 100 },
      { suffix: 'I7', label: 'i7, 32 GB, 1 TB', pricePercent: 128 },
      { suffix: 'LTE', label: 'i5, 16 GB, 512 GB, LTE', pricePercent: 112 },
      { suffix: 'I3', label: 'i3, 8 GB, 256 GB', pricePercent: 80 },
    ],
  },
  {
    family: 'DESKTOP',
    prefix: 'DT',
    models: [
      { code: 'PD400-SFF', name: 'Business Desktop 400 Small Form Factor', category: 'business', euros: 690 },
      { code: 'PD600-MINI', name: 'Business Desktop 600 Mini', category: 'business', euros: 790 },
      { code: 'ED800-TWR', name: 'Premium Desktop 800 Tower', category: 'business', euros: 1090 },
      { code: 'EO800-AIO', name: 'All-in-One 800 24"', category: 'all-in-one', euros: 1390 },
      { code: 'Z2-TWR', name: 'Z2 Tower Workstation', category: 'workstation', euros: 1890 },
      { code: 'Z4-TWR', name: 'Z4 Tower Workstation', category: 'workstation', euros: 3290 },
      { code: 'T640', name: 'Thin Client t640', category: 'thin client', euros: 490 },
      { code: 'MON-E24', name: 'E24 Monitor 23.8"', category: 'monitor', euros: 190 },
      { code: 'MON-E27', name: 'E27 Monitor 27"', category: 'monitor', euros: 290 },
    ],
    variants: [
      { suffix: '', label: 'standard', pricePercent: 100 },
      { suffix: 'PLUS', label: 'plus configuration', pricePercent: 125 },
      { suffix: 'BUNDLE', label: 'with keyboard and mouse', pricePercent: 106 },
    ],
  },
  {
    family: 'NETWORKING',
    prefix: 'NET',
    models: [
      { code: 'SW1930-24', name: 'Smart Switch 24 ports', category: 'switch', euros: 290 },
      { code: 'SW1930-48', name: 'Smart Switch 48 ports', category: 'switch', euros: 490 },
      { code: 'SW2930-24', name: 'Managed Switch 24 ports', category: 'switch', euros: 1290 },
      { code: 'SW2930-48', name: 'Managed Switch 48 ports', category: 'switch', euros: 2190 },
      { code: 'SW6300-48', name: 'Core Switch 48 ports', category: 'switch', euros: 7900 },
      { code: 'AP515', name: 'Wireless Access Point 515', category: 'wireless', euros: 590 },
      { code: 'AP635', name: 'Wireless Access Point 635', category: 'wireless', euros: 890 },
      { code: 'GW9004', name: 'Branch Gateway 9004', category: 'gateway', euros: 1490 },
      { code: 'SFP-10G', name: '10G SFP+ Transceiver', category: 'optics', euros: 120 },
    ],
    variants: [
      { suffix: '', label: 'base', pricePercent: 100 },
      { suffix: 'POE', label: 'PoE', pricePercent: 130 },
      { suffix: 'CARE3Y', label: 'with 3-year care pack', pricePercent: 115 },
      { suffix: 'LIC5Y', label: 'with 5-year licence', pricePercent: 140 },
    ],
  },
  {
    family: 'SOFTWARE',
    prefix: 'SW',
    models: [
      { code: 'OS-STD', name: 'Server OS Standard licence', category: 'operating system', euros: 990 },
      { code: 'OS-DC', name: 'Server OS Datacenter licence', category: 'operating system', euros: 5900 },
      { code: 'VIRT', name: 'Virtualisation per CPU', category: 'virtualisation', euros: 1490 },
      { code: 'BACKUP', name: 'Backup & Replication per workload', category: 'backup', euros: 390 },
      { code: 'MGMT', name: 'Infrastructure Management per node', category: 'management', euros: 240 },
      { code: 'SEC-EP', name: 'Endpoint Security per seat', category: 'security', euros: 45 },
      { code: 'PRINT', name: 'Managed Print per device', category: 'management', euros: 60 },
      { code: 'CAL', name: 'Client Access Licence', category: 'operating system', euros: 39 },
    ],
    variants: [
      { suffix: '', label: '1 year', pricePercent: 100 },
      { suffix: '3Y', label: '3 years', pricePercent: 270 },
      { suffix: '5Y', label: '5 years', pricePercent: 420 },
    ],
  },
];

function buildCatalogue(): DemoProduct[] {
  const products: DemoProduct[] = [];
  for (const line of LINES) {
    for (const model of line.models) {
      for (const variant of line.variants) {
        const sku = variant.suffix ? `${line.prefix}-${model.code}-${variant.suffix}` : `${line.prefix}-${model.code}`;
        products.push({
          sku,
          name: `${model.name}, ${variant.label}`,
          family: line.family,
          category: model.category,
          // Whole euros times a whole percent: exact in integer cents.
          listPriceCents: model.euros * variant.pricePercent,
        });
      }
    }
  }
  return products;
}

export const DEMO_PRODUCTS: readonly DemoProduct[] = buildCatalogue();

/** The SKUs the CashPaq example program pays a bonus on (examples/programs/cashpaq.yaml). */
export const CASHPAQ_SKUS: readonly string[] = ['SRV-ML110', 'SRV-ML350', 'SRV-DL380', 'SRV-DL580'];
