import { useIntl } from "react-intl";
import type { AdminMessageKey } from "./catalog.server";

/**
 * The admin's translator and formatters, from the catalogue the layout loaded for the staff
 * member's locale: `const { t, intl } = useAdminIntl(); t("nav.shipments")`,
 * `intl.formatNumber(1234)`, `intl.formatDate(date, { dateStyle: "medium" })`.
 */
export function useAdminIntl() {
  const intl = useIntl();
  const t = (key: AdminMessageKey, values?: Record<string, string | number | Date | null | undefined>) =>
    intl.formatMessage({ id: key }, values as Record<string, string | number | Date>);
  return { t, intl, locale: intl.locale };
}
