import { describe, expect, it } from "vitest";
import { classifyTicket, CLASSIFIER_LOCALES, type ClassifierLocale } from "./classifier";
import type { InquiryReason } from "./reasons";

/** Real-sounding shopper messages, one per reason, in each of the ten languages. */
const CASES: Readonly<Record<ClassifierLocale, ReadonlyArray<[string, InquiryReason]>>> = {
  en: [
    ["Hi, where is my order? I ordered two weeks ago.", "where_is_my_order"],
    ["My parcel is delayed again, it has been stuck in Memphis for days", "delayed"],
    ["The tracking says delivered but I never received anything", "delivered_not_received"],
    ["The box arrived and the mug inside is broken", "damaged"],
    ["I typed the wrong address at checkout, can you fix it?", "wrong_address"],
    ["How do I get a refund for the blue sweater?", "return_question"],
    ["Do you sell gift cards?", "other"],
  ],
  "zh-CN": [
    ["你好，我的订单在哪里？", "where_is_my_order"],
    ["快递延误了好几天", "delayed"],
    ["显示已签收，但是我没有收到包裹", "delivered_not_received"],
    ["收到的杯子碎了", "damaged"],
    ["我想修改地址", "wrong_address"],
    ["请问怎么退货", "return_question"],
    ["你们有优惠券吗", "other"],
  ],
  "zh-TW": [
    ["請問我的訂單在哪裡？", "where_is_my_order"],
    ["包裹延遲很久了", "delayed"],
    ["網站顯示已簽收，可是我沒收到", "delivered_not_received"],
    ["商品送來時已經損壞", "damaged"],
    ["我需要更改地址", "wrong_address"],
    ["我想申請退款", "return_question"],
    ["你們有實體店嗎", "other"],
  ],
  ja: [
    ["注文した荷物はどこですか", "where_is_my_order"],
    ["配送が遅れているようです", "delayed"],
    ["配達完了になっていますが、届いていません", "delivered_not_received"],
    ["商品が破損していました", "damaged"],
    ["住所を変更したいです", "wrong_address"],
    ["返品の方法を教えてください", "return_question"],
    ["ギフト包装はできますか", "other"],
  ],
  ko: [
    ["제 주문 어디쯤 왔나요?", "where_is_my_order"],
    ["배송이 너무 지연되고 있어요", "delayed"],
    ["배송 완료라고 나오는데 물건을 받지 못했어요", "delivered_not_received"],
    ["상품이 파손되어 도착했습니다", "damaged"],
    ["배송지 주소 변경 가능할까요", "wrong_address"],
    ["환불 받고 싶어요", "return_question"],
    ["매장 영업시간이 어떻게 되나요", "other"],
  ],
  es: [
    ["Hola, ¿dónde está mi pedido?", "where_is_my_order"],
    ["Mi paquete tiene un retraso de una semana", "delayed"],
    ["Aparece como entregado pero no lo he recibido", "delivered_not_received"],
    ["La lámpara llegó rota", "damaged"],
    ["Puse una dirección incorrecta en el pedido", "wrong_address"],
    ["¿Cómo hago una devolución?", "return_question"],
    ["¿Tienen tallas grandes?", "other"],
  ],
  fr: [
    ["Bonjour, où est ma commande ?", "where_is_my_order"],
    ["Mon colis a beaucoup de retard", "delayed"],
    ["Le colis est indiqué comme livré mais je n'ai rien reçu", "delivered_not_received"],
    ["Le vase est arrivé cassé", "damaged"],
    ["Je voudrais modifier l'adresse de livraison", "wrong_address"],
    ["Comment être remboursé ?", "return_question"],
    ["Avez-vous un magasin à Lyon ?", "other"],
  ],
  de: [
    ["Hallo, wo ist meine Bestellung?", "where_is_my_order"],
    ["Die Lieferung ist verspätet", "delayed"],
    ["Das Paket wird als zugestellt angezeigt, ich habe aber nichts erhalten", "delivered_not_received"],
    ["Der Artikel kam beschädigt an", "damaged"],
    ["Ich möchte die Lieferadresse ändern", "wrong_address"],
    ["Wie funktioniert die Rücksendung?", "return_question"],
    ["Gibt es einen Gutschein?", "other"],
  ],
  it: [
    ["Ciao, dov'è il mio ordine?", "where_is_my_order"],
    ["Il pacco è in ritardo di una settimana", "delayed"],
    ["Risulta consegnato ma non ho ricevuto nulla", "delivered_not_received"],
    ["La scatola è arrivata danneggiata", "damaged"],
    ["Ho inserito un indirizzo sbagliato", "wrong_address"],
    ["Vorrei fare un reso", "return_question"],
    ["Avete altri colori?", "other"],
  ],
  "pt-BR": [
    ["Olá, onde está meu pedido?", "where_is_my_order"],
    ["Minha encomenda está atrasada", "delayed"],
    ["Consta como entregue mas não recebi nada", "delivered_not_received"],
    ["O produto chegou quebrado", "damaged"],
    ["Coloquei o endereço errado", "wrong_address"],
    ["Quero fazer uma devolução", "return_question"],
    ["Vocês vendem no atacado?", "other"],
  ],
};

describe("ticket classifier", () => {
  it("has cases for exactly the ten shopper languages", () => {
    expect(Object.keys(CASES).sort()).toEqual([...CLASSIFIER_LOCALES].sort());
  });

  for (const locale of CLASSIFIER_LOCALES) {
    it(`classifies every reason in ${locale}`, () => {
      const decided = CASES[locale].map(([body]) => classifyTicket({ body }, [locale]).reason);
      expect(decided).toEqual(CASES[locale].map(([, reason]) => reason));
      // With every language's keywords at once (a helpdesk does not say the language), the same answers.
      expect(CASES[locale].map(([body]) => classifyTicket({ body }).reason)).toEqual(decided);
    });
  }

  it("says whether a ticket is about an order's delivery, and what decided", () => {
    expect(classifyTicket({ subject: "Where is my order?", body: "" })).toEqual({ orderStatus: true, reason: "where_is_my_order", matched: "en:where is my order" });
    expect(classifyTicket({ body: "Do you sell gift cards?" })).toEqual({ orderStatus: false, reason: "other", matched: null });
    expect(classifyTicket({ body: "Il est marqué comme livré mais pas reçu" }).matched).toBe("fr:marqué comme livré");
  });

  it("lets a helpdesk tag decide before the words", () => {
    expect(classifyTicket({ tags: ["VIP", "Missing-Package"], body: "where is my order" })).toEqual({
      orderStatus: true,
      reason: "delivered_not_received",
      matched: "tag:missing_package",
    });
    expect(classifyTicket({ tags: ["WISMO"], body: "hello" }).reason).toBe("where_is_my_order");
    expect(classifyTicket({ tags: ["vip"], body: "hello" }).orderStatus).toBe(false);
  });

  it("matches whole words, not pieces of them", () => {
    // "stuck" and "return" must not fire inside "stuckey" or "returned to sender" noise words.
    expect(classifyTicket({ body: "Mr Stuckey asked about wholesale" }).reason).toBe("other");
    expect(classifyTicket({ body: "Is the resort open?" }, ["it"]).reason).toBe("other");
    expect(classifyTicket({ body: "Remboursement svp" }).reason).toBe("return_question");
  });

  it("tells 'not received yet' (where is it) from 'delivered but not received'", () => {
    expect(classifyTicket({ body: "I have not received my order yet" }).reason).toBe("where_is_my_order");
    expect(classifyTicket({ body: "It was delivered yesterday but I have not received it" }).reason).toBe("delivered_not_received");
  });
});
