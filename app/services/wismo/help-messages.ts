import type { SupportedLocale } from "~/domain/locales/index";
import type { InquiryReason } from "~/domain/wismo/reasons";

/**
 * The "Still need help?" section's words on the storefront tracking page, in the page's ten
 * languages. The first lines answer from the parcel's state before any form is offered.
 */
export type HelpMessageKey =
  | "heading"
  | "answer_delivered"
  | "answer_late"
  | "answer_stalled"
  | "answer_problem"
  | "answer_on_way"
  | "answer_not_shipped"
  | "what_next"
  | "reason_label"
  | "message_label"
  | "message_hint"
  | "submit"
  | "sent"
  | "limited";

type Catalogue = Record<HelpMessageKey, string> & { reasons: Record<InquiryReason, string> };

const en: Catalogue = {
  heading: "Still need help?",
  answer_delivered: "The carrier reports this parcel as delivered. Please check your mailbox, doorstep, reception or neighbours; a parcel marked delivered sometimes turns up a day later.",
  answer_late: "This parcel is running later than expected. Carriers usually catch up within a few days; the latest estimate is shown above.",
  answer_stalled: "The carrier has not scanned this parcel for a while. This is often a busy depot, and it normally moves again within a few days.",
  answer_problem: "The carrier reported a problem with this delivery. Follow the carrier's instructions above, or tell us below and we will sort it out.",
  answer_on_way: "Your parcel is on its way and on schedule. There is nothing you need to do.",
  answer_not_shipped: "The label is ready; the carrier will scan the parcel when it picks it up.",
  what_next: "If this did not answer your question, tell us what is wrong. The shop already has your order details.",
  reason_label: "What do you need help with?",
  message_label: "Message",
  message_hint: "(optional)",
  submit: "Send to the shop",
  sent: "Thank you. Your message reached the shop, which will contact you about your order.",
  limited: "You have already sent several messages about this order today. The shop will get back to you.",
  reasons: {
    where_is_my_order: "Where is my order?",
    delayed: "My order is delayed",
    delivered_not_received: "It says delivered, but I don't have it",
    damaged: "It arrived damaged",
    wrong_address: "The address is wrong",
    return_question: "A question about a return",
    other: "Something else",
  },
};

const CATALOGUES: Readonly<Record<SupportedLocale, Catalogue>> = {
  en,
  de: {
    heading: "Brauchst du noch Hilfe?",
    answer_delivered: "Laut Versanddienstleister wurde dieses Paket zugestellt. Bitte sieh im Briefkasten, vor der Tür, am Empfang oder bei Nachbarn nach; manchmal taucht ein als zugestellt gemeldetes Paket einen Tag später auf.",
    answer_late: "Dieses Paket ist später dran als erwartet. Meist holt der Versanddienstleister das in wenigen Tagen auf; die neueste Schätzung steht oben.",
    answer_stalled: "Dieses Paket wurde eine Weile nicht gescannt. Oft ist ein Depot überlastet; normalerweise geht es in wenigen Tagen weiter.",
    answer_problem: "Der Versanddienstleister meldet ein Problem mit dieser Zustellung. Folge den Hinweisen oben oder schreib uns unten, wir kümmern uns darum.",
    answer_on_way: "Dein Paket ist unterwegs und im Zeitplan. Du musst nichts tun.",
    answer_not_shipped: "Das Versandetikett ist erstellt; der Versanddienstleister scannt das Paket bei der Abholung.",
    what_next: "Falls das deine Frage nicht beantwortet, sag uns, was los ist. Der Shop kennt deine Bestelldaten bereits.",
    reason_label: "Wobei brauchst du Hilfe?",
    message_label: "Nachricht",
    message_hint: "(optional)",
    submit: "An den Shop senden",
    sent: "Danke. Deine Nachricht ist beim Shop angekommen, er meldet sich zu deiner Bestellung.",
    limited: "Du hast heute schon mehrere Nachrichten zu dieser Bestellung gesendet. Der Shop meldet sich bei dir.",
    reasons: {
      where_is_my_order: "Wo ist meine Bestellung?",
      delayed: "Meine Bestellung ist verspätet",
      delivered_not_received: "Als zugestellt gemeldet, aber nicht erhalten",
      damaged: "Beschädigt angekommen",
      wrong_address: "Die Adresse ist falsch",
      return_question: "Frage zu einer Rücksendung",
      other: "Etwas anderes",
    },
  },
  es: {
    heading: "¿Todavía necesitas ayuda?",
    answer_delivered: "El transportista indica que este paquete se entregó. Revisa tu buzón, la puerta, la recepción o a tus vecinos; a veces un paquete marcado como entregado aparece un día después.",
    answer_late: "Este paquete va más tarde de lo previsto. Los transportistas suelen recuperarse en pocos días; arriba verás la estimación más reciente.",
    answer_stalled: "El transportista no ha escaneado este paquete desde hace un tiempo. Suele deberse a un centro saturado y normalmente vuelve a moverse en pocos días.",
    answer_problem: "El transportista informó de un problema con esta entrega. Sigue sus indicaciones de arriba o cuéntanoslo abajo y lo resolveremos.",
    answer_on_way: "Tu paquete está en camino y dentro del plazo. No necesitas hacer nada.",
    answer_not_shipped: "La etiqueta está lista; el transportista escaneará el paquete al recogerlo.",
    what_next: "Si esto no responde a tu pregunta, cuéntanos qué pasa. La tienda ya tiene los datos de tu pedido.",
    reason_label: "¿Con qué necesitas ayuda?",
    message_label: "Mensaje",
    message_hint: "(opcional)",
    submit: "Enviar a la tienda",
    sent: "Gracias. Tu mensaje llegó a la tienda, que se pondrá en contacto contigo sobre tu pedido.",
    limited: "Ya enviaste varios mensajes sobre este pedido hoy. La tienda te responderá.",
    reasons: {
      where_is_my_order: "¿Dónde está mi pedido?",
      delayed: "Mi pedido está retrasado",
      delivered_not_received: "Dice entregado, pero no lo tengo",
      damaged: "Llegó dañado",
      wrong_address: "La dirección es incorrecta",
      return_question: "Una pregunta sobre una devolución",
      other: "Otra cosa",
    },
  },
  fr: {
    heading: "Besoin d'aide ?",
    answer_delivered: "Le transporteur indique que ce colis a été livré. Vérifiez votre boîte aux lettres, le pas de la porte, l'accueil ou vos voisins ; un colis indiqué livré arrive parfois le lendemain.",
    answer_late: "Ce colis a plus de retard que prévu. Les transporteurs rattrapent généralement en quelques jours ; la dernière estimation est affichée ci-dessus.",
    answer_stalled: "Le transporteur n'a pas scanné ce colis depuis un moment. C'est souvent un dépôt encombré, et il repart normalement en quelques jours.",
    answer_problem: "Le transporteur signale un problème avec cette livraison. Suivez ses indications ci-dessus, ou écrivez-nous ci-dessous et nous nous en occupons.",
    answer_on_way: "Votre colis est en route et dans les temps. Vous n'avez rien à faire.",
    answer_not_shipped: "L'étiquette est prête ; le transporteur scannera le colis à l'enlèvement.",
    what_next: "Si cela ne répond pas à votre question, dites-nous ce qui ne va pas. La boutique a déjà les détails de votre commande.",
    reason_label: "Pour quoi avez-vous besoin d'aide ?",
    message_label: "Message",
    message_hint: "(facultatif)",
    submit: "Envoyer à la boutique",
    sent: "Merci. Votre message est bien parvenu à la boutique, qui vous contactera au sujet de votre commande.",
    limited: "Vous avez déjà envoyé plusieurs messages sur cette commande aujourd'hui. La boutique vous répondra.",
    reasons: {
      where_is_my_order: "Où est ma commande ?",
      delayed: "Ma commande est en retard",
      delivered_not_received: "Indiqué livré, mais je ne l'ai pas",
      damaged: "Arrivé endommagé",
      wrong_address: "L'adresse est erronée",
      return_question: "Une question sur un retour",
      other: "Autre chose",
    },
  },
  it: {
    heading: "Hai ancora bisogno di aiuto?",
    answer_delivered: "Il corriere segnala questo pacco come consegnato. Controlla la cassetta postale, la porta, la reception o i vicini; a volte un pacco segnato come consegnato arriva il giorno dopo.",
    answer_late: "Questo pacco è in ritardo rispetto al previsto. Di solito i corrieri recuperano in pochi giorni; la stima più recente è qui sopra.",
    answer_stalled: "Il corriere non scansiona questo pacco da un po'. Spesso è un deposito congestionato e di norma riparte in pochi giorni.",
    answer_problem: "Il corriere ha segnalato un problema con questa consegna. Segui le sue indicazioni qui sopra, oppure scrivici qui sotto e lo risolveremo.",
    answer_on_way: "Il tuo pacco è in viaggio e nei tempi. Non devi fare nulla.",
    answer_not_shipped: "L'etichetta è pronta; il corriere scansionerà il pacco al ritiro.",
    what_next: "Se questo non risponde alla tua domanda, dicci cosa non va. Il negozio ha già i dati del tuo ordine.",
    reason_label: "Per cosa ti serve aiuto?",
    message_label: "Messaggio",
    message_hint: "(facoltativo)",
    submit: "Invia al negozio",
    sent: "Grazie. Il tuo messaggio è arrivato al negozio, che ti contatterà riguardo al tuo ordine.",
    limited: "Hai già inviato diversi messaggi su questo ordine oggi. Il negozio ti risponderà.",
    reasons: {
      where_is_my_order: "Dov'è il mio ordine?",
      delayed: "Il mio ordine è in ritardo",
      delivered_not_received: "Risulta consegnato, ma non l'ho ricevuto",
      damaged: "È arrivato danneggiato",
      wrong_address: "L'indirizzo è sbagliato",
      return_question: "Una domanda su un reso",
      other: "Altro",
    },
  },
  ja: {
    heading: "まだお困りですか?",
    answer_delivered: "配送業者によると、この荷物は配達済みです。郵便受け、玄関先、受付、近隣の方をご確認ください。配達済みの荷物が翌日に見つかることもあります。",
    answer_late: "この荷物は予定より遅れています。通常は数日で遅れが解消されます。最新の予定は上に表示されています。",
    answer_stalled: "この荷物はしばらくスキャンされていません。多くは拠点の混雑によるもので、通常は数日で動き出します。",
    answer_problem: "配送業者からこの配達に問題があると報告されています。上の案内に従うか、下からご連絡ください。対応いたします。",
    answer_on_way: "荷物は予定どおり配送中です。特にお手続きは必要ありません。",
    answer_not_shipped: "送り状は作成済みです。配送業者が集荷時に荷物をスキャンします。",
    what_next: "これで解決しない場合は、状況をお知らせください。ショップはご注文の詳細を把握しています。",
    reason_label: "どのようなお問い合わせですか?",
    message_label: "メッセージ",
    message_hint: "(任意)",
    submit: "ショップに送信",
    sent: "ありがとうございます。メッセージはショップに届きました。ご注文についてショップからご連絡します。",
    limited: "本日はこのご注文についてすでに複数のメッセージが送信されています。ショップからの連絡をお待ちください。",
    reasons: {
      where_is_my_order: "注文はどこですか?",
      delayed: "注文が遅れている",
      delivered_not_received: "配達済みなのに届いていない",
      damaged: "破損して届いた",
      wrong_address: "住所が間違っている",
      return_question: "返品について",
      other: "その他",
    },
  },
  ko: {
    heading: "아직 도움이 필요하신가요?",
    answer_delivered: "택배사에 따르면 이 소포는 배송 완료되었습니다. 우편함, 문 앞, 관리실 또는 이웃을 확인해 주세요. 배송 완료로 표시된 소포가 하루 뒤에 발견되기도 합니다.",
    answer_late: "이 소포는 예상보다 늦어지고 있습니다. 보통 며칠 안에 정상화되며, 최신 예상 일정은 위에 표시되어 있습니다.",
    answer_stalled: "이 소포는 한동안 스캔되지 않았습니다. 대개 물류 거점이 붐비기 때문이며 보통 며칠 안에 다시 이동합니다.",
    answer_problem: "택배사가 이 배송에 문제가 있다고 알렸습니다. 위의 안내를 따르시거나 아래로 알려 주시면 해결해 드리겠습니다.",
    answer_on_way: "소포가 일정대로 배송 중입니다. 따로 하실 일은 없습니다.",
    answer_not_shipped: "운송장이 준비되었습니다. 택배사가 집하할 때 소포를 스캔합니다.",
    what_next: "이것으로 해결되지 않았다면 무엇이 문제인지 알려 주세요. 상점은 이미 주문 정보를 알고 있습니다.",
    reason_label: "어떤 도움이 필요하신가요?",
    message_label: "메시지",
    message_hint: "(선택 사항)",
    submit: "상점에 보내기",
    sent: "감사합니다. 메시지가 상점에 전달되었으며, 주문과 관련해 상점에서 연락드릴 것입니다.",
    limited: "오늘 이 주문에 대해 이미 여러 메시지를 보내셨습니다. 상점에서 연락드릴 것입니다.",
    reasons: {
      where_is_my_order: "주문이 어디에 있나요?",
      delayed: "주문이 지연되고 있어요",
      delivered_not_received: "배송 완료로 나오는데 받지 못했어요",
      damaged: "파손되어 도착했어요",
      wrong_address: "주소가 잘못되었어요",
      return_question: "반품 문의",
      other: "기타",
    },
  },
  "pt-BR": {
    heading: "Ainda precisa de ajuda?",
    answer_delivered: "A transportadora informa que este pacote foi entregue. Confira a caixa de correio, a porta, a portaria ou os vizinhos; às vezes um pacote marcado como entregue aparece um dia depois.",
    answer_late: "Este pacote está mais atrasado do que o previsto. As transportadoras costumam recuperar em poucos dias; a previsão mais recente está acima.",
    answer_stalled: "A transportadora não escaneia este pacote há algum tempo. Geralmente é um centro lotado, e ele volta a andar em poucos dias.",
    answer_problem: "A transportadora relatou um problema nesta entrega. Siga as instruções acima ou conte para nós abaixo que resolveremos.",
    answer_on_way: "Seu pacote está a caminho e dentro do prazo. Você não precisa fazer nada.",
    answer_not_shipped: "A etiqueta está pronta; a transportadora vai escanear o pacote na coleta.",
    what_next: "Se isso não respondeu à sua dúvida, conte o que está errado. A loja já tem os dados do seu pedido.",
    reason_label: "Com o que você precisa de ajuda?",
    message_label: "Mensagem",
    message_hint: "(opcional)",
    submit: "Enviar para a loja",
    sent: "Obrigado. Sua mensagem chegou à loja, que entrará em contato sobre o seu pedido.",
    limited: "Você já enviou várias mensagens sobre este pedido hoje. A loja vai responder.",
    reasons: {
      where_is_my_order: "Onde está meu pedido?",
      delayed: "Meu pedido está atrasado",
      delivered_not_received: "Consta como entregue, mas não recebi",
      damaged: "Chegou danificado",
      wrong_address: "O endereço está errado",
      return_question: "Uma dúvida sobre devolução",
      other: "Outro assunto",
    },
  },
  "zh-CN": {
    heading: "还需要帮助吗?",
    answer_delivered: "承运商显示此包裹已送达。请查看信箱、门口、前台或邻居处;显示已送达的包裹有时会晚一天出现。",
    answer_late: "此包裹比预期晚。承运商通常会在几天内赶上进度;最新预计时间见上方。",
    answer_stalled: "承运商已有一段时间未扫描此包裹。通常是转运中心繁忙,一般几天内会恢复运输。",
    answer_problem: "承运商报告此次派送出现问题。请按上方承运商的说明操作,或在下方告诉我们,我们会处理。",
    answer_on_way: "您的包裹正在运输中,进度正常。您无需做任何事。",
    answer_not_shipped: "运单已创建;承运商揽收时会扫描包裹。",
    what_next: "如果仍未解决您的问题,请告诉我们情况。商店已掌握您的订单信息。",
    reason_label: "您需要哪方面的帮助?",
    message_label: "留言",
    message_hint: "(选填)",
    submit: "发送给商店",
    sent: "谢谢。您的留言已送达商店,商店会就您的订单与您联系。",
    limited: "您今天已就此订单发送了多条留言。商店会回复您。",
    reasons: {
      where_is_my_order: "我的订单在哪里?",
      delayed: "我的订单延误了",
      delivered_not_received: "显示已签收,但我没收到",
      damaged: "到货时已损坏",
      wrong_address: "地址有误",
      return_question: "退货相关问题",
      other: "其他",
    },
  },
  "zh-TW": {
    heading: "還需要協助嗎?",
    answer_delivered: "物流業者顯示此包裹已送達。請查看信箱、門口、管理室或鄰居處;顯示已送達的包裹有時會晚一天出現。",
    answer_late: "此包裹比預期晚。物流業者通常會在幾天內趕上進度;最新預計時間請見上方。",
    answer_stalled: "物流業者已有一段時間未掃描此包裹。通常是轉運中心繁忙,一般幾天內會恢復運送。",
    answer_problem: "物流業者回報此次配送發生問題。請依上方說明處理,或在下方告訴我們,我們會協助處理。",
    answer_on_way: "您的包裹正在運送中,進度正常。您不需要做任何事。",
    answer_not_shipped: "託運單已建立;物流業者取件時會掃描包裹。",
    what_next: "如果仍未解決您的問題,請告訴我們狀況。商店已掌握您的訂單資訊。",
    reason_label: "您需要哪方面的協助?",
    message_label: "留言",
    message_hint: "(選填)",
    submit: "傳送給商店",
    sent: "謝謝。您的留言已送達商店,商店會就您的訂單與您聯繫。",
    limited: "您今天已就此訂單傳送了多則留言。商店會回覆您。",
    reasons: {
      where_is_my_order: "我的訂單在哪裡?",
      delayed: "我的訂單延遲了",
      delivered_not_received: "顯示已送達,但我沒收到",
      damaged: "到貨時已損壞",
      wrong_address: "地址有誤",
      return_question: "退貨相關問題",
      other: "其他",
    },
  },
};

export function helpMessage(locale: SupportedLocale, key: HelpMessageKey): string {
  return CATALOGUES[locale][key];
}

export function reasonLabel(locale: SupportedLocale, reason: InquiryReason): string {
  return CATALOGUES[locale].reasons[reason];
}
