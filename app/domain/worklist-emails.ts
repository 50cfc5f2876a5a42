import type { SupportedLocale } from "./locales/resolve";
import type { WorklistKind } from "./worklist";

/**
 * "Email the shopper" from the worklist: which templates fit each kind of problem, and their
 * words in the ten shopper languages. The email itself goes through the notification outbox as a
 * moment named `support_<template>`; "{order}" is filled in when it is rendered. Pure.
 */
export const SUPPORT_TEMPLATES = ["delay_apology", "pickup_reminder", "address_check", "delivery_check"] as const;
export type SupportTemplate = (typeof SUPPORT_TEMPLATES)[number];

export function isSupportTemplate(value: string): value is SupportTemplate {
  return (SUPPORT_TEMPLATES as readonly string[]).includes(value);
}

/** The templates offered per kind, the most fitting first; none for problems the shopper cannot help with. */
export const TEMPLATES_BY_KIND: Readonly<Record<WorklistKind, readonly SupportTemplate[]>> = {
  stalled: ["delay_apology"],
  exception: ["delay_apology", "address_check"],
  attempt_failed: ["address_check", "pickup_reminder"],
  pickup_waiting: ["pickup_reminder"],
  returning: ["address_check", "delay_apology"],
  tracking_issue: ["delay_apology"],
  write_back_failed: [],
  dispute_open: [],
  customer_asked: ["delay_apology", "delivery_check", "address_check", "pickup_reminder"],
};

export const SUPPORT_MOMENT_PREFIX = "support_";

export const supportMoment = (template: SupportTemplate) => `${SUPPORT_MOMENT_PREFIX}${template}`;

/** An outbox row the team sent by hand: never coalesced with tracking notices, never held out. */
export function isSupportMoment(moment: string): boolean {
  return moment.startsWith(SUPPORT_MOMENT_PREFIX);
}

export function supportTemplateOf(moment: string): SupportTemplate | null {
  const name = moment.slice(SUPPORT_MOMENT_PREFIX.length);
  return isSupportMoment(moment) && isSupportTemplate(name) ? name : null;
}

export interface SupportWords {
  subject: string;
  body: string;
}

export const SUPPORT_EMAIL_WORDS: Readonly<Record<SupportedLocale, Readonly<Record<SupportTemplate, SupportWords>>>> = {
  en: {
    delay_apology: {
      subject: "Sorry for the wait on your order {order}",
      body: "Your parcel is taking longer than it should. We are following it up with the carrier and will keep you posted. Thank you for your patience.",
    },
    pickup_reminder: {
      subject: "Your order {order} is waiting for you",
      body: "Your parcel is waiting at the pickup point. Please collect it soon: after a few days the carrier sends it back to us.",
    },
    address_check: {
      subject: "Please check the delivery address of your order {order}",
      body: "The carrier could not deliver your parcel as addressed. Please reply to this email to confirm or correct your delivery address.",
    },
    delivery_check: {
      subject: "About the delivery of your order {order}",
      body: "The carrier reports your parcel as delivered. Please check with neighbours and around your home; if you still cannot find it, reply to this email and we will help.",
    },
  },
  "zh-CN": {
    delay_apology: { subject: "很抱歉，您的订单 {order} 让您久等了", body: "您的包裹比预期耗时更久。我们正在与承运商跟进，并会随时告知您进展。感谢您的耐心等待。" },
    pickup_reminder: { subject: "您的订单 {order} 正在等您取件", body: "您的包裹已在自提点等候。请尽快取件：几天后承运商会将其退回给我们。" },
    address_check: { subject: "请核对订单 {order} 的收货地址", body: "承运商无法按所写地址投递您的包裹。请回复此邮件，确认或更正您的收货地址。" },
    delivery_check: { subject: "关于您的订单 {order} 的投递", body: "承运商显示您的包裹已送达。请向邻居询问并在住所周围查看；如果仍然找不到，请回复此邮件，我们会协助您。" },
  },
  "zh-TW": {
    delay_apology: { subject: "很抱歉，您的訂單 {order} 讓您久等了", body: "您的包裹比預期耗時更久。我們正在與物流業者跟進，並會隨時告知您進度。感謝您的耐心等候。" },
    pickup_reminder: { subject: "您的訂單 {order} 正在等您取件", body: "您的包裹已在取件點等候。請盡快取件：幾天後物流業者會將其退回給我們。" },
    address_check: { subject: "請確認訂單 {order} 的收件地址", body: "物流業者無法依所填地址投遞您的包裹。請回覆此郵件，確認或更正您的收件地址。" },
    delivery_check: { subject: "關於您的訂單 {order} 的投遞", body: "物流業者顯示您的包裹已送達。請向鄰居詢問並在住處周圍查看；如果仍然找不到，請回覆此郵件，我們會協助您。" },
  },
  ko: {
    delay_apology: { subject: "주문 {order}을(를) 기다리게 해 드려 죄송합니다", body: "소포 배송이 예상보다 늦어지고 있습니다. 택배사와 확인 중이며 진행 상황을 계속 알려 드리겠습니다. 기다려 주셔서 감사합니다." },
    pickup_reminder: { subject: "주문 {order}이(가) 기다리고 있습니다", body: "소포가 픽업 장소에서 기다리고 있습니다. 며칠이 지나면 택배사가 반송하니 빨리 찾아가 주세요." },
    address_check: { subject: "주문 {order}의 배송 주소를 확인해 주세요", body: "택배사가 기재된 주소로 소포를 배달하지 못했습니다. 이 이메일에 회신하여 배송 주소를 확인하거나 수정해 주세요." },
    delivery_check: { subject: "주문 {order}의 배송 관련 안내", body: "택배사는 소포가 배달되었다고 알려 왔습니다. 이웃과 집 주변을 확인해 주시고, 그래도 찾을 수 없으면 이 이메일에 회신해 주세요. 도와드리겠습니다." },
  },
  ja: {
    delay_apology: { subject: "ご注文 {order} のお届けが遅れており申し訳ありません", body: "お荷物のお届けに通常より時間がかかっています。配送業者に確認中で、進展があり次第お知らせします。今しばらくお待ちください。" },
    pickup_reminder: { subject: "ご注文 {order} の受け取りをお待ちしています", body: "お荷物が受取場所に届いています。数日経つと配送業者から返送されますので、お早めにお受け取りください。" },
    address_check: { subject: "ご注文 {order} のお届け先住所をご確認ください", body: "配送業者がご指定の住所にお荷物をお届けできませんでした。このメールにご返信のうえ、お届け先住所をご確認またはご訂正ください。" },
    delivery_check: { subject: "ご注文 {order} のお届けについて", body: "配送業者からはお荷物が配達済みと報告されています。ご近所やご自宅の周りをご確認ください。それでも見つからない場合は、このメールにご返信ください。" },
  },
  es: {
    delay_apology: {
      subject: "Disculpa la espera de tu pedido {order}",
      body: "Tu paquete está tardando más de lo previsto. Lo estamos siguiendo con el transportista y te mantendremos informado. Gracias por tu paciencia.",
    },
    pickup_reminder: {
      subject: "Tu pedido {order} te está esperando",
      body: "Tu paquete te espera en el punto de recogida. Recógelo pronto: pasados unos días, el transportista nos lo devuelve.",
    },
    address_check: {
      subject: "Revisa la dirección de entrega de tu pedido {order}",
      body: "El transportista no pudo entregar tu paquete en la dirección indicada. Responde a este correo para confirmar o corregir tu dirección de entrega.",
    },
    delivery_check: {
      subject: "Sobre la entrega de tu pedido {order}",
      body: "El transportista indica que tu paquete fue entregado. Pregunta a tus vecinos y revisa los alrededores; si aún no lo encuentras, responde a este correo y te ayudaremos.",
    },
  },
  fr: {
    delay_apology: {
      subject: "Désolés pour l’attente de votre commande {order}",
      body: "Votre colis met plus de temps que prévu. Nous suivons le dossier avec le transporteur et vous tiendrons informé. Merci de votre patience.",
    },
    pickup_reminder: {
      subject: "Votre commande {order} vous attend",
      body: "Votre colis vous attend au point de retrait. Pensez à le récupérer rapidement : après quelques jours, le transporteur nous le renvoie.",
    },
    address_check: {
      subject: "Merci de vérifier l’adresse de livraison de votre commande {order}",
      body: "Le transporteur n’a pas pu livrer votre colis à l’adresse indiquée. Répondez à cet e-mail pour confirmer ou corriger votre adresse de livraison.",
    },
    delivery_check: {
      subject: "À propos de la livraison de votre commande {order}",
      body: "Le transporteur indique que votre colis a été livré. Vérifiez auprès de vos voisins et autour de chez vous ; si vous ne le trouvez toujours pas, répondez à cet e-mail et nous vous aiderons.",
    },
  },
  de: {
    delay_apology: {
      subject: "Entschuldigung für die Wartezeit bei Ihrer Bestellung {order}",
      body: "Ihr Paket braucht länger als vorgesehen. Wir klären das mit dem Versanddienstleister und halten Sie auf dem Laufenden. Vielen Dank für Ihre Geduld.",
    },
    pickup_reminder: {
      subject: "Ihre Bestellung {order} wartet auf Sie",
      body: "Ihr Paket liegt an der Abholstelle bereit. Bitte holen Sie es bald ab: Nach einigen Tagen schickt der Versanddienstleister es an uns zurück.",
    },
    address_check: {
      subject: "Bitte prüfen Sie die Lieferadresse Ihrer Bestellung {order}",
      body: "Der Versanddienstleister konnte Ihr Paket nicht wie adressiert zustellen. Bitte antworten Sie auf diese E-Mail, um Ihre Lieferadresse zu bestätigen oder zu korrigieren.",
    },
    delivery_check: {
      subject: "Zur Zustellung Ihrer Bestellung {order}",
      body: "Laut Versanddienstleister wurde Ihr Paket zugestellt. Bitte fragen Sie bei Nachbarn nach und sehen Sie sich rund um Ihr Zuhause um; wenn Sie es dann noch nicht finden, antworten Sie auf diese E-Mail und wir helfen Ihnen.",
    },
  },
  it: {
    delay_apology: {
      subject: "Ci scusiamo per l’attesa del tuo ordine {order}",
      body: "Il tuo pacco sta impiegando più del previsto. Lo stiamo seguendo con il corriere e ti terremo aggiornato. Grazie per la pazienza.",
    },
    pickup_reminder: {
      subject: "Il tuo ordine {order} ti aspetta",
      body: "Il tuo pacco ti aspetta al punto di ritiro. Ritiralo presto: dopo qualche giorno il corriere ce lo rispedisce.",
    },
    address_check: {
      subject: "Controlla l’indirizzo di consegna del tuo ordine {order}",
      body: "Il corriere non è riuscito a consegnare il pacco all’indirizzo indicato. Rispondi a questa email per confermare o correggere il tuo indirizzo di consegna.",
    },
    delivery_check: {
      subject: "Sulla consegna del tuo ordine {order}",
      body: "Il corriere segnala il pacco come consegnato. Chiedi ai vicini e controlla intorno a casa; se ancora non lo trovi, rispondi a questa email e ti aiuteremo.",
    },
  },
  "pt-BR": {
    delay_apology: {
      subject: "Desculpe pela espera do seu pedido {order}",
      body: "Seu pacote está demorando mais do que deveria. Estamos acompanhando com a transportadora e manteremos você informado. Obrigado pela paciência.",
    },
    pickup_reminder: {
      subject: "Seu pedido {order} está esperando por você",
      body: "Seu pacote está esperando no ponto de retirada. Retire-o logo: depois de alguns dias, a transportadora o devolve para nós.",
    },
    address_check: {
      subject: "Confira o endereço de entrega do seu pedido {order}",
      body: "A transportadora não conseguiu entregar seu pacote no endereço informado. Responda a este e-mail para confirmar ou corrigir seu endereço de entrega.",
    },
    delivery_check: {
      subject: "Sobre a entrega do seu pedido {order}",
      body: "A transportadora informa que seu pacote foi entregue. Pergunte aos vizinhos e verifique ao redor da sua casa; se ainda não encontrar, responda a este e-mail e vamos ajudar.",
    },
  },
};
