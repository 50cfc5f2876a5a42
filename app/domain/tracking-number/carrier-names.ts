/**
 * Shopify sends a fulfillment's carrier as free text (`tracking_company`): "UPS", "United Parcel
 * Service", "FedEx Ground", "DHL eCommerce", "Yun Express", "Japan Post (JA)" … This maps those
 * names to our snake_case carrier codes. A shop can add its own names; they are stored per shop
 * by the data layer and passed in here, and always win over the built-in table.
 */

export interface CarrierNameMapping {
  /** The name as the merchant's fulfillments spell it. */
  name: string;
  carrier: string;
}

export interface CarrierNameResolution {
  carrier: string;
  /** merchant: the shop's own mapping; exact: a known name or variant; prefix: a known name followed by a product ("FedEx Ground Economy"). */
  matchedBy: "merchant" | "exact" | "prefix";
}

/**
 * Built-in names: every tracking company Shopify lists as supported, plus the spellings merchants
 * and apps commonly send. Carrier codes of postal operators match postal-operators.ts.
 */
const KNOWN_NAMES: Readonly<Record<string, readonly string[]>> = {
  ups: ["UPS", "United Parcel Service", "UPS Ground", "UPS Express", "UPS Mail Innovations", "UPS SurePost", "UPS Freight"],
  fedex: ["FedEx", "Fed Ex", "Federal Express", "FedEx Ground", "FedEx Express", "FedEx SmartPost", "FedEx Ground Economy", "FedEx Home Delivery", "FedEx International", "FedEx Freight", "FedEx Cross Border"],
  usps: ["USPS", "United States Postal Service", "US Postal Service", "U.S. Postal Service", "US Mail", "US Post", "USPS Priority Mail", "USPS First Class"],
  dhl: ["DHL", "DHL Express", "DHL eCommerce", "DHL eCommerce Asia", "DHL Global Mail", "DHL Parcel", "DHL Paket", "DHL Freight", "DHL Supply Chain"],
  amazon: ["Amazon", "Amazon Logistics", "Amazon Logistics US", "Amazon Logistics UK", "Amazon Shipping", "AMZL", "Amazon Logistics (US)", "Amazon Logistics (UK)"],
  canada_post: ["Canada Post", "Postes Canada", "Canada Post / Postes Canada"],
  canpar: ["Canpar", "Canpar Express", "Canpar Courier"],
  purolator: ["Purolator"],
  dpd: ["DPD", "DPD Local", "DPD UK", "DPD Group", "DPD Germany", "DPD France"],
  ontrac: ["OnTrac", "On Trac"],
  lasership: ["LaserShip", "Laser Ship"],
  speedee: ["Spee-Dee", "Spee-Dee Delivery", "Speedee", "Spee Dee Delivery Service"],
  gofo: ["GOFO", "GOFO Express"],
  old_dominion: ["Old Dominion", "Old Dominion Freight Line", "ODFL"],
  landmark: ["Landmark Global", "Landmark", "Landmark Global LTN"],
  yodel: ["Yodel"],
  yunexpress: ["YunExpress", "Yun Express", "YunTrack", "云途", "云途物流"],
  four_px: ["4PX", "4PX Worldwide Express", "递四方"],
  china_post: ["China Post", "China EMS", "China EMS (ePacket)", "ePacket", "EMS China", "中国邮政", "中国邮政速递"],
  royal_mail: ["Royal Mail"],
  parcelforce: ["Parcelforce", "Parcelforce Worldwide"],
  la_poste: ["La Poste", "Colissimo"],
  chronopost: ["Chronopost"],
  deutsche_post: ["Deutsche Post", "Deutsche Post DHL"],
  japan_post: ["Japan Post", "Japan Post (EN)", "Japan Post (JA)", "日本郵便", "ゆうパック"],
  korea_post: ["Korea Post", "EMS Korea", "우체국", "우체국택배"],
  australia_post: ["Australia Post", "AusPost"],
  startrack: ["StarTrack", "Star Track"],
  hongkong_post: ["Hong Kong Post", "Hongkong Post"],
  singapore_post: ["Singapore Post", "SingPost"],
  postnl: ["PostNL", "PostNL International"],
  an_post: ["An Post"],
  swiss_post: ["Swiss Post", "La Poste Suisse", "Schweizerische Post"],
  poste_italiane: ["Poste Italiane"],
  correos: ["Correos", "Correos de España"],
  correios: ["Correios", "Correios Brasil"],
  ctt: ["CTT", "CTT Correios de Portugal"],
  ctt_express: ["CTT Express"],
  new_zealand_post: ["New Zealand Post", "NZ Post"],
  israel_post: ["Israel Post"],
  cyprus_post: ["Cyprus Post"],
  iceland_post: ["Iceland Post"],
  latvia_post: ["Latvia Post", "Latvijas Pasts"],
  lietuvos_pastas: ["Lietuvos Paštas", "Lithuania Post"],
  bpost: ["bpost", "BPost International", "Belgian Post"],
  postnord: ["PostNord"],
  postnord_dk: ["PostNord DK"],
  postnord_no: ["PostNord NO"],
  postnord_se: ["PostNord SE"],
  sf_express: ["SF Express", "S.F. Express", "顺丰", "顺丰速运"],
  evri: ["Evri", "Hermes UK", "myHermes"],
  gls: ["GLS", "GLS US", "General Logistics Systems"],
  tnt: ["TNT"],
  sendle: ["Sendle"],
  ninja_van: ["Ninja Van", "NinjaVan"],
  yamato: ["Yamato", "Yamato (EN)", "Yamato (JA)", "Kuroneko Yamato", "ヤマト運輸"],
  sagawa: ["Sagawa", "Sagawa (EN)", "Sagawa (JA)", "佐川急便"],
  asendia: ["Asendia", "Asendia USA"],
  apc: ["APC", "APC Postal Logistics"],
  mondial_relay: ["Mondial Relay"],
  packeta: ["Packeta", "Zásilkovna"],
  qxpress: ["Qxpress"],
  tforce: ["TForce Final Mile", "TForce"],
  toll: ["Toll IPEC", "Toll"],
  whistl: ["Whistl"],
  xpo: ["XPO Logistics", "XPO"],
  estes: ["Estes", "Estes Express"],
  anjun: ["Anjun Logistics"],
  ags: ["AGS"],
  bonshaw: ["Bonshaw"],
  cdl: ["CDL Last Mile"],
  chukou1: ["Chukou1"],
  comingle: ["Comingle"],
  coordinadora: ["Coordinadora"],
  delnext: ["Delnext"],
  dtd_express: ["DTD Express"],
  dx: ["DX"],
  eagle: ["Eagle"],
  first_global_logistics: ["First Global Logistics"],
  first_line: ["First Line"],
  fsc: ["FSC"],
  fulfilla: ["Fulfilla"],
  wse: ["Guangdong Weisuyi Information Technology (WSE)", "WSE"],
  heppner: ["Heppner Internationale Spedition GmbH & Co.", "Heppner"],
  idex: ["IDEX"],
  logisters: ["Logisters"],
  lone_star_overnight: ["Lone Star Overnight", "LSO"],
  m3_logistics: ["M3 Logistics"],
  meteor_space: ["Meteor Space"],
  north_russia_supply_chain: ["North Russia Supply Chain (Shenzhen) Co."],
  pago: ["Pago Logistics"],
  ping_an_da_tong: ["Ping An Da Tong"],
  qyun_express: ["Qyun Express"],
  royal_shipments: ["Royal Shipments"],
  sfc: ["SFC Fulfillment", "SFC"],
  shree_nandan: ["SHREE NANDAN COURIER"],
  southwest_air_cargo: ["Southwest Air Cargo"],
  step_forward_freight: ["Step Forward Freight"],
  tinghao: ["Tinghao"],
  united_delivery_service: ["United Delivery Service"],
  venipak: ["Venipak"],
  we_post: ["We Post"],
  wizmo: ["Wizmo"],
  wmyc: ["WMYC"],
  xpedigo: ["Xpedigo"],
  yifan: ["YiFan Express"],
};

/**
 * Lower case, accents removed, "&" read as "and", Shopify's "(EN)"/"(JA)" language tags dropped,
 * every other run of punctuation or space collapsed to one space.
 */
export function normalizeCarrierName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\((?:en|ja|english|japanese)\)/g, " ")
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Spaces removed too, so "Yun Express" meets "YunExpress" and "Fed Ex" meets "FedEx". */
function compact(normalized: string): string {
  return normalized.replace(/ /g, "");
}

const BUILT_IN_EXACT: ReadonlyMap<string, string> = buildIndex();

function buildIndex(): Map<string, string> {
  const index = new Map<string, string>();
  for (const [carrier, names] of Object.entries(KNOWN_NAMES)) {
    // A carrier code is a name too ("canada_post", "old_dominion").
    for (const name of [carrier, ...names]) {
      const key = compact(normalizeCarrierName(name));
      if (key && !index.has(key)) index.set(key, carrier);
    }
  }
  return index;
}

/** Word-prefix candidates, longest first, so "DHL eCommerce Asia X" finds "dhl ecommerce asia" before "dhl". */
const BUILT_IN_PREFIXES: readonly (readonly [words: string, carrier: string])[] = Object.entries(KNOWN_NAMES)
  .flatMap(([carrier, names]) => names.map((name) => [normalizeCarrierName(name), carrier] as const))
  .filter(([words]) => words.length >= 2)
  .sort((a, b) => b[0].length - a[0].length);

/**
 * Resolves a free-text carrier name to a carrier code, or null when we don't know it. Order:
 * the shop's own mappings (exact, after normalization), the built-in names (exact), then a
 * built-in name followed by more words ("FedEx Ground Economy", "DPD UK Next Day").
 */
export function resolveCarrierName(
  name: string,
  merchantMappings: readonly CarrierNameMapping[] = [],
): CarrierNameResolution | null {
  const normalized = normalizeCarrierName(name);
  if (!normalized) return null;
  const key = compact(normalized);

  for (const mapping of merchantMappings) {
    if (compact(normalizeCarrierName(mapping.name)) === key) {
      return { carrier: mapping.carrier, matchedBy: "merchant" };
    }
  }

  const exact = BUILT_IN_EXACT.get(key);
  if (exact) return { carrier: exact, matchedBy: "exact" };

  for (const [words, carrier] of BUILT_IN_PREFIXES) {
    if (normalized.startsWith(`${words} `)) return { carrier, matchedBy: "prefix" };
  }
  return null;
}

/** The carrier codes the built-in table knows, for validating merchant mappings. */
export function knownCarrierCodes(): string[] {
  return Object.keys(KNOWN_NAMES);
}

/** How a carrier is written for people: the first of its known names ("YunExpress", "China Post"). */
export function carrierDisplayName(code: string): string | null {
  return KNOWN_NAMES[code]?.[0] ?? null;
}
