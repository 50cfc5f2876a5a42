import { defineNamespace } from "~/i18n/define";

/** The app's navigation (App Bridge's NavMenu in the admin, Polaris Navigation in the demo). */
export const nav = defineNamespace({
  en: { dashboard: "Dashboard", shipments: "Shipments", wismo: "WISMO", estimates: "Delivery estimates", worklist: "Needs attention", settings: "Settings", notifications: "Notifications", demoInbox: "Demo inbox" },
  "zh-CN": { dashboard: "仪表板", shipments: "货件", wismo: "订单查询（WISMO）", estimates: "送达预估", worklist: "待处理", settings: "设置", notifications: "通知", demoInbox: "演示收件箱" },
  "zh-TW": { dashboard: "儀表板", shipments: "貨件", wismo: "訂單查詢（WISMO）", estimates: "送達預估", worklist: "待處理", settings: "設定", notifications: "通知", demoInbox: "示範收件匣" },
  ko: { dashboard: "대시보드", shipments: "배송", wismo: "주문 문의(WISMO)", estimates: "배송 예상", worklist: "조치 필요", settings: "설정", notifications: "알림", demoInbox: "데모 받은편지함" },
  ja: { dashboard: "ダッシュボード", shipments: "配送", wismo: "注文問い合わせ（WISMO）", estimates: "配達予定", worklist: "要対応", settings: "設定", notifications: "通知", demoInbox: "デモ受信トレイ" },
  es: { dashboard: "Panel", shipments: "Envíos", wismo: "WISMO", estimates: "Estimaciones de entrega", worklist: "Requiere atención", settings: "Configuración", notifications: "Notificaciones", demoInbox: "Bandeja de demostración" },
  fr: { dashboard: "Tableau de bord", shipments: "Expéditions", wismo: "WISMO", estimates: "Estimations de livraison", worklist: "À traiter", settings: "Paramètres", notifications: "Notifications", demoInbox: "Boîte de démonstration" },
  de: { dashboard: "Dashboard", shipments: "Sendungen", wismo: "WISMO", estimates: "Lieferprognosen", worklist: "Handlungsbedarf", settings: "Einstellungen", notifications: "Benachrichtigungen", demoInbox: "Demo-Posteingang" },
  it: { dashboard: "Dashboard", shipments: "Spedizioni", wismo: "WISMO", estimates: "Stime di consegna", worklist: "Da gestire", settings: "Impostazioni", notifications: "Notifiche", demoInbox: "Posta demo" },
  "pt-BR": { dashboard: "Painel", shipments: "Envios", wismo: "WISMO", estimates: "Estimativas de entrega", worklist: "Precisa de atenção", settings: "Configurações", notifications: "Notificações", demoInbox: "Caixa de entrada demo" },
});
