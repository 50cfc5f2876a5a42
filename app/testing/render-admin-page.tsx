import { AppProvider } from "@shopify/polaris/build/esm/components/AppProvider/AppProvider.js";
import type { ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { IntlProvider } from "react-intl";
import { adminMessages, polarisTranslations } from "~/i18n/catalog.server";
import type { AdminLocale } from "~/i18n/define";

/** Server-renders an admin page the way the layout wraps it: Polaris and react-intl in one locale. */
export function renderAdminPage(page: ReactElement, locale: AdminLocale = "en"): string {
  return renderToString(
    <AppProvider i18n={polarisTranslations(locale)}>
      <IntlProvider locale={locale} messages={adminMessages(locale)} defaultLocale="en">
        {page}
      </IntlProvider>
    </AppProvider>,
  );
}
