import type { InquiryReason } from "./reasons";

/**
 * Decides whether a helpdesk ticket is about an order's delivery, and why, from its tags and the
 * shopper's words: keyword lists for the ten shopper languages, no model. Tags win (an agent or a
 * helpdesk rule already decided); otherwise the reasons are tried from the most specific
 * (damaged, wrong address, "says delivered but I don't have it") to the most general ("where is my
 * order?"). Latin-script keywords match whole words (a trailing `*` matches a word start);
 * Chinese, Japanese and Korean keywords match anywhere, spaces ignored.
 */
export interface TicketText {
  tags?: readonly string[];
  subject?: string | null;
  body?: string | null;
}

export interface Classification {
  /** About an order's delivery (any reason but "other"). */
  orderStatus: boolean;
  reason: InquiryReason;
  /** What decided: "tag:<tag>" or "<locale>:<keyword>", null for "other". */
  matched: string | null;
}

type Rule = "damaged" | "wrong_address" | "dnr" | "delivered" | "not_received" | "return" | "delayed" | "wismo";

export const CLASSIFIER_LOCALES = ["en", "zh-CN", "zh-TW", "ja", "ko", "es", "fr", "de", "it", "pt-BR"] as const;
export type ClassifierLocale = (typeof CLASSIFIER_LOCALES)[number];

const KEYWORDS: Readonly<Record<ClassifierLocale, Readonly<Record<Rule, readonly string[]>>>> = {
  en: {
    damaged: ["damaged", "broken", "crushed", "smashed", "arrived broken", "torn open"],
    wrong_address: ["wrong address", "change address", "change my address", "change the address", "update my address", "update the address", "incorrect address", "address is wrong"],
    dnr: ["marked as delivered", "says delivered", "shows delivered", "shows as delivered", "delivered but", "says it was delivered", "stolen"],
    delivered: ["delivered"],
    not_received: ["not received", "never received", "didn't receive", "did not receive", "haven't received", "have not received", "never arrived", "not arrived", "hasn't arrived", "has not arrived", "never got", "didn't get"],
    return: ["return", "returns", "returning", "refund*", "exchange", "send it back"],
    delayed: ["delay*", "running late", "arrive late", "taking so long", "taking too long", "still waiting", "stuck", "hasn't moved", "not moving", "late delivery"],
    wismo: ["where is my order", "where's my order", "where is my package", "where's my package", "where is my parcel", "where is my shipment", "wismo", "tracking", "track my", "order status", "shipping status", "when will", "shipped yet", "update on my order"],
  },
  "zh-CN": {
    damaged: ["损坏", "破损", "坏了", "碎了", "压坏"],
    wrong_address: ["地址错", "修改地址", "更改地址", "改地址", "地址写错"],
    dnr: ["显示已签收", "显示签收", "显示已送达"],
    delivered: ["已签收", "已送达", "签收"],
    not_received: ["没收到", "没有收到", "未收到", "还没到", "没到"],
    return: ["退货", "退款", "换货"],
    delayed: ["延迟", "延误", "太慢", "卡住", "一直没动"],
    wismo: ["订单在哪", "包裹在哪", "快递到哪", "物流", "什么时候到", "订单状态", "查询订单", "跟踪"],
  },
  "zh-TW": {
    damaged: ["損壞", "破損", "壞了", "碎了", "壓壞"],
    wrong_address: ["地址錯", "修改地址", "更改地址", "改地址", "地址寫錯"],
    dnr: ["顯示已簽收", "顯示簽收", "顯示已送達"],
    delivered: ["已簽收", "已送達", "簽收", "已配達"],
    not_received: ["沒收到", "沒有收到", "未收到", "還沒到", "沒到"],
    return: ["退貨", "退款", "換貨"],
    delayed: ["延遲", "延誤", "太慢", "卡住", "一直沒動"],
    wismo: ["訂單在哪", "包裹在哪", "貨到哪", "物流", "什麼時候到", "訂單狀態", "查詢訂單", "追蹤"],
  },
  ja: {
    damaged: ["破損", "壊れ", "割れ", "潰れ"],
    wrong_address: ["住所変更", "住所を変更", "住所が間違", "住所間違い", "宛先変更"],
    dnr: ["配達完了になって", "配達済みになって", "配達完了と表示"],
    delivered: ["配達完了", "配達済"],
    not_received: ["届いていない", "届いてない", "届きません", "受け取っていない", "未着", "届かない"],
    return: ["返品", "返金", "交換"],
    delayed: ["遅延", "遅れ", "止まって"],
    wismo: ["注文はどこ", "荷物はどこ", "配送状況", "発送状況", "追跡", "いつ届"],
  },
  ko: {
    damaged: ["파손", "깨져", "깨짐", "망가", "찌그러"],
    wrong_address: ["주소변경", "주소를변경", "주소오류", "주소가잘못", "잘못된주소"],
    dnr: ["배송완료로나오", "배송완료라고", "배송완료로표시"],
    delivered: ["배송완료", "배달완료"],
    not_received: ["받지못", "못받", "안왔", "도착하지않", "오지않", "수령하지못"],
    return: ["반품", "환불", "교환"],
    delayed: ["지연", "늦어", "늦게", "멈춰"],
    wismo: ["주문어디", "택배어디", "배송조회", "배송상태", "언제도착", "언제와", "추적"],
  },
  es: {
    damaged: ["dañado", "dañada", "roto", "rota", "defectuoso", "aplastado"],
    wrong_address: ["dirección incorrecta", "dirección equivocada", "cambiar la dirección", "cambiar mi dirección", "error en la dirección"],
    dnr: ["aparece como entregado", "dice entregado", "marcado como entregado", "figura como entregado", "dice que fue entregado"],
    delivered: ["entregado", "entregada"],
    not_received: ["no he recibido", "no lo he recibido", "no recibí", "nunca llegó", "no ha llegado", "no me ha llegado", "no llegó"],
    return: ["devolución", "devolver", "reembolso", "cambio"],
    delayed: ["retraso", "retrasado", "retrasada", "demora", "tardando", "sigue sin llegar", "atascado"],
    wismo: ["dónde está mi pedido", "dónde está mi paquete", "seguimiento", "estado de mi pedido", "estado del pedido", "cuándo llega", "cuándo llegará"],
  },
  fr: {
    damaged: ["endommagé", "endommagée", "abîmé", "abîmée", "cassé", "cassée", "détérioré", "écrasé"],
    wrong_address: ["mauvaise adresse", "adresse incorrecte", "changer l'adresse", "changer mon adresse", "modifier l'adresse", "modifier mon adresse", "erreur d'adresse"],
    dnr: ["indiqué comme livré", "marqué comme livré", "indique livré", "noté livré", "marqué livré"],
    delivered: ["livré", "livrée"],
    not_received: ["pas reçu", "jamais reçu", "rien reçu", "pas arrivé", "jamais arrivé", "toujours pas reçu"],
    return: ["retour", "retourner", "rembours*", "échange", "échanger", "renvoyer"],
    delayed: ["retard", "retardé", "bloqué", "bloquée", "toujours en attente"],
    wismo: ["où est ma commande", "où en est ma commande", "où est mon colis", "suivi", "statut de ma commande", "quand vais-je recevoir", "quand arrive"],
  },
  de: {
    damaged: ["beschädigt", "kaputt", "zerbrochen", "defekt", "zerdrückt"],
    wrong_address: ["falsche adresse", "adresse ändern", "adresse falsch", "adressänderung", "lieferadresse ändern"],
    dnr: ["als zugestellt", "als geliefert", "angeblich zugestellt", "angeblich geliefert"],
    delivered: ["zugestellt", "geliefert"],
    not_received: ["nicht erhalten", "nicht bekommen", "nie angekommen", "nicht angekommen", "noch nicht da", "nichts erhalten"],
    return: ["rücksendung", "retoure", "zurücksenden", "erstattung", "rückerstattung", "umtausch", "zurückschicken"],
    delayed: ["verspätet", "verspätung", "verzögert", "verzögerung", "dauert so lange", "hängt fest", "steckt fest"],
    wismo: ["wo ist meine bestellung", "wo bleibt meine bestellung", "wo ist mein paket", "sendungsverfolgung", "bestellstatus", "status meiner bestellung", "wann kommt", "tracking"],
  },
  it: {
    damaged: ["danneggiato", "danneggiata", "rotto", "rotta", "rovinato", "ammaccato"],
    wrong_address: ["indirizzo sbagliato", "indirizzo errato", "cambiare indirizzo", "cambiare l'indirizzo", "modificare l'indirizzo", "cambio indirizzo"],
    dnr: ["risulta consegnato", "risulta consegnata", "segnato come consegnato", "indicato come consegnato"],
    delivered: ["consegnato", "consegnata"],
    not_received: ["non ho ricevuto", "mai ricevuto", "non è arrivato", "non è ancora arrivato", "mai arrivato", "non ricevuto"],
    return: ["reso", "restituire", "rimborso", "sostituzione"],
    delayed: ["ritardo", "in ritardo", "ritardato", "bloccato", "fermo"],
    wismo: ["dov'è il mio ordine", "dove è il mio ordine", "dov'è il mio pacco", "dove si trova il mio", "tracciamento", "stato dell'ordine", "stato del mio ordine", "quando arriva"],
  },
  "pt-BR": {
    damaged: ["danificado", "danificada", "quebrado", "quebrada", "avariado", "amassado"],
    wrong_address: ["endereço errado", "endereço incorreto", "mudar o endereço", "alterar o endereço", "trocar o endereço"],
    dnr: ["consta como entregue", "aparece como entregue", "diz entregue", "marcado como entregue", "diz que foi entregue"],
    delivered: ["entregue"],
    not_received: ["não recebi", "nunca recebi", "não chegou", "nunca chegou", "não recebido"],
    return: ["devolução", "devolver", "reembolso", "troca", "estorno"],
    delayed: ["atrasado", "atrasada", "atraso", "demorando", "parado"],
    wismo: ["onde está meu pedido", "onde está minha encomenda", "cadê meu pedido", "rastreio", "rastreamento", "status do pedido", "quando chega", "previsão de entrega"],
  },
};

/** Helpdesk tags (normalized: lower case, `-`/space → `_`) that decide on their own. */
const TAG_REASONS: ReadonlyArray<[RegExp, InquiryReason]> = [
  [/^(delivered_not_received|dnr|missing_package|package_missing|not_received|lost_package|stolen)$/, "delivered_not_received"],
  [/^(damaged|damage|broken|damaged_item)$/, "damaged"],
  [/^(wrong_address|address_change|change_address|address)$/, "wrong_address"],
  [/^(return|returns|refund|exchange|return_request)$/, "return_question"],
  [/^(delayed|delay|late|late_delivery|shipping_delay)$/, "delayed"],
  [/^(wismo|where_is_my_order|order_status|shipping|tracking|delivery|shipping_status)$/, "where_is_my_order"],
];

const CJK_LOCALES: ReadonlySet<ClassifierLocale> = new Set(["zh-CN", "zh-TW", "ja", "ko"]);

/** Lower case, accents kept apart from letters, punctuation to spaces (for Latin scripts). */
function latinWords(text: string): string {
  return ` ${text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[’`´]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, " ")
    .trim()} `;
}

function compact(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
}

function matcher(locale: ClassifierLocale, keyword: string): (words: string, squeezed: string) => boolean {
  if (CJK_LOCALES.has(locale)) {
    const needle = compact(keyword);
    return (_words, squeezed) => squeezed.includes(needle);
  }
  const prefix = keyword.endsWith("*");
  const needle = latinWords(prefix ? keyword.slice(0, -1) : keyword).trimEnd();
  return prefix ? (words) => words.includes(needle) : (words) => words.includes(`${needle} `);
}

const COMPILED = CLASSIFIER_LOCALES.map((locale) => ({
  locale,
  rules: Object.fromEntries(
    (Object.entries(KEYWORDS[locale]) as [Rule, readonly string[]][]).map(([rule, keywords]) => [
      rule,
      keywords.map((keyword) => ({ keyword, test: matcher(locale, keyword) })),
    ]),
  ) as Record<Rule, { keyword: string; test: (words: string, squeezed: string) => boolean }[]>,
}));

export function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

/** Classifies a ticket; `locales` limits the keyword lists tried (all ten by default). */
export function classifyTicket(ticket: TicketText, locales: readonly ClassifierLocale[] = CLASSIFIER_LOCALES): Classification {
  for (const raw of ticket.tags ?? []) {
    const tag = normalizeTag(raw);
    const hit = TAG_REASONS.find(([pattern]) => pattern.test(tag));
    if (hit) return { orderStatus: true, reason: hit[1], matched: `tag:${tag}` };
  }
  const text = [ticket.subject ?? "", ticket.body ?? ""].join("\n");
  const words = latinWords(text);
  const squeezed = compact(text);
  const compiled = COMPILED.filter((entry) => locales.includes(entry.locale));
  const find = (rule: Rule): string | null => {
    for (const entry of compiled) {
      const hit = entry.rules[rule].find((keyword) => keyword.test(words, squeezed));
      if (hit) return `${entry.locale}:${hit.keyword}`;
    }
    return null;
  };
  const decided = (reason: InquiryReason, matched: string): Classification => ({ orderStatus: true, reason, matched });

  const damaged = find("damaged");
  if (damaged) return decided("damaged", damaged);
  const address = find("wrong_address");
  if (address) return decided("wrong_address", address);
  const dnr = find("dnr");
  if (dnr) return decided("delivered_not_received", dnr);
  const notReceived = find("not_received");
  const delivered = find("delivered");
  if (notReceived && delivered) return decided("delivered_not_received", `${delivered}+${notReceived}`);
  const returned = find("return");
  if (returned) return decided("return_question", returned);
  const delayed = find("delayed");
  if (delayed) return decided("delayed", delayed);
  const wismo = find("wismo") ?? notReceived;
  if (wismo) return decided("where_is_my_order", wismo);
  return { orderStatus: false, reason: "other", matched: null };
}
