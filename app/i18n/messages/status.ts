import { defineNamespace } from "~/i18n/define";

/** Canonical parcel statuses, attention flags and durations, as every admin page shows them. */
export const status = defineNamespace({
  en: {
    pending: "Pending", info_received: "Label created", picked_up: "Picked up", in_transit: "In transit", out_for_delivery: "Out for delivery",
    available_for_pickup: "Ready for pickup", attempt_failed: "Delivery attempt failed", delayed: "Delayed", exception: "Exception", returning: "Returning",
    returned: "Returned", delivered: "Delivered", cancelled: "Cancelled", expired: "Expired", invalid: "Invalid tracking", unknown: "Unknown",
    attention_stalled: "Stalled", attention_late: "Late", attention_exception: "Exception", attention_invalid: "Invalid tracking", attention_not_picked_up: "Not picked up",
    unresolvedCarrier: "Unresolved", days: "{days, plural, one {# day} other {# days}}",
  },
  "zh-CN": {
    pending: "待处理", info_received: "已创建面单", picked_up: "已揽收", in_transit: "运输中", out_for_delivery: "派送中",
    available_for_pickup: "待取件", attempt_failed: "投递失败", delayed: "延误", exception: "异常", returning: "退回中",
    returned: "已退回", delivered: "已送达", cancelled: "已取消", expired: "已过期", invalid: "无效单号", unknown: "未知",
    attention_stalled: "停滞", attention_late: "迟到", attention_exception: "异常", attention_invalid: "无效单号", attention_not_picked_up: "未揽收",
    unresolvedCarrier: "未识别", days: "{days} 天",
  },
  "zh-TW": {
    pending: "待處理", info_received: "已建立託運單", picked_up: "已攬收", in_transit: "運送中", out_for_delivery: "派送中",
    available_for_pickup: "待取件", attempt_failed: "投遞失敗", delayed: "延誤", exception: "異常", returning: "退回中",
    returned: "已退回", delivered: "已送達", cancelled: "已取消", expired: "已過期", invalid: "無效單號", unknown: "未知",
    attention_stalled: "停滯", attention_late: "延遲", attention_exception: "異常", attention_invalid: "無效單號", attention_not_picked_up: "未攬收",
    unresolvedCarrier: "未識別", days: "{days} 天",
  },
  ko: {
    pending: "대기 중", info_received: "송장 생성됨", picked_up: "집하 완료", in_transit: "배송 중", out_for_delivery: "배달 출발",
    available_for_pickup: "수령 대기", attempt_failed: "배달 시도 실패", delayed: "지연", exception: "예외", returning: "반송 중",
    returned: "반송됨", delivered: "배달 완료", cancelled: "취소됨", expired: "만료됨", invalid: "잘못된 운송장", unknown: "알 수 없음",
    attention_stalled: "정체", attention_late: "지연 도착", attention_exception: "예외", attention_invalid: "잘못된 운송장", attention_not_picked_up: "미집하",
    unresolvedCarrier: "미확인", days: "{days}일",
  },
  ja: {
    pending: "保留中", info_received: "伝票作成済み", picked_up: "集荷済み", in_transit: "輸送中", out_for_delivery: "配達中",
    available_for_pickup: "受取待ち", attempt_failed: "配達不在", delayed: "遅延", exception: "例外", returning: "返送中",
    returned: "返送済み", delivered: "配達済み", cancelled: "キャンセル済み", expired: "期限切れ", invalid: "無効な追跡番号", unknown: "不明",
    attention_stalled: "停滞", attention_late: "遅れ", attention_exception: "例外", attention_invalid: "無効な追跡番号", attention_not_picked_up: "未集荷",
    unresolvedCarrier: "未判定", days: "{days}日",
  },
  es: {
    pending: "Pendiente", info_received: "Etiqueta creada", picked_up: "Recogido", in_transit: "En tránsito", out_for_delivery: "En reparto",
    available_for_pickup: "Listo para recoger", attempt_failed: "Intento de entrega fallido", delayed: "Retrasado", exception: "Incidencia", returning: "En devolución",
    returned: "Devuelto", delivered: "Entregado", cancelled: "Cancelado", expired: "Caducado", invalid: "Seguimiento no válido", unknown: "Desconocido",
    attention_stalled: "Detenido", attention_late: "Con retraso", attention_exception: "Incidencia", attention_invalid: "Seguimiento no válido", attention_not_picked_up: "No recogido",
    unresolvedCarrier: "Sin identificar", days: "{days, plural, one {# día} other {# días}}",
  },
  fr: {
    pending: "En attente", info_received: "Étiquette créée", picked_up: "Pris en charge", in_transit: "En transit", out_for_delivery: "En cours de livraison",
    available_for_pickup: "Disponible en point de retrait", attempt_failed: "Tentative de livraison échouée", delayed: "Retardé", exception: "Incident", returning: "En retour",
    returned: "Retourné", delivered: "Livré", cancelled: "Annulé", expired: "Expiré", invalid: "Suivi invalide", unknown: "Inconnu",
    attention_stalled: "Bloqué", attention_late: "En retard", attention_exception: "Incident", attention_invalid: "Suivi invalide", attention_not_picked_up: "Non pris en charge",
    unresolvedCarrier: "Non identifié", days: "{days, plural, one {# jour} other {# jours}}",
  },
  de: {
    pending: "Ausstehend", info_received: "Label erstellt", picked_up: "Abgeholt", in_transit: "Unterwegs", out_for_delivery: "In Zustellung",
    available_for_pickup: "Abholbereit", attempt_failed: "Zustellversuch fehlgeschlagen", delayed: "Verzögert", exception: "Problem", returning: "Auf dem Rückweg",
    returned: "Zurückgesendet", delivered: "Zugestellt", cancelled: "Storniert", expired: "Abgelaufen", invalid: "Ungültige Sendungsnummer", unknown: "Unbekannt",
    attention_stalled: "Stillstand", attention_late: "Verspätet", attention_exception: "Problem", attention_invalid: "Ungültige Sendungsnummer", attention_not_picked_up: "Nicht abgeholt",
    unresolvedCarrier: "Nicht erkannt", days: "{days, plural, one {# Tag} other {# Tage}}",
  },
  it: {
    pending: "In attesa", info_received: "Etichetta creata", picked_up: "Ritirato", in_transit: "In transito", out_for_delivery: "In consegna",
    available_for_pickup: "Pronto per il ritiro", attempt_failed: "Tentativo di consegna fallito", delayed: "In ritardo", exception: "Anomalia", returning: "In restituzione",
    returned: "Restituito", delivered: "Consegnato", cancelled: "Annullato", expired: "Scaduto", invalid: "Tracking non valido", unknown: "Sconosciuto",
    attention_stalled: "Fermo", attention_late: "In ritardo", attention_exception: "Anomalia", attention_invalid: "Tracking non valido", attention_not_picked_up: "Non ritirato",
    unresolvedCarrier: "Non identificato", days: "{days, plural, one {# giorno} other {# giorni}}",
  },
  "pt-BR": {
    pending: "Pendente", info_received: "Etiqueta criada", picked_up: "Coletado", in_transit: "Em trânsito", out_for_delivery: "Saiu para entrega",
    available_for_pickup: "Pronto para retirada", attempt_failed: "Tentativa de entrega falhou", delayed: "Atrasado", exception: "Ocorrência", returning: "Em devolução",
    returned: "Devolvido", delivered: "Entregue", cancelled: "Cancelado", expired: "Expirado", invalid: "Rastreio inválido", unknown: "Desconhecido",
    attention_stalled: "Parado", attention_late: "Atrasado", attention_exception: "Ocorrência", attention_invalid: "Rastreio inválido", attention_not_picked_up: "Não coletado",
    unresolvedCarrier: "Não identificado", days: "{days, plural, one {# dia} other {# dias}}",
  },
});
