import { Link, useNavigate } from "@remix-run/react";
import type { AppProviderProps } from "@shopify/polaris";
import { AppProvider as PolarisAppProvider } from "@shopify/polaris/build/esm/components/AppProvider/AppProvider.js";
import { forwardRef, useEffect, type ReactNode } from "react";
import { IntlProvider } from "react-intl";
import type { AdminLocale } from "~/i18n/define";

/** Shopify's hosted App Bridge: it must be loaded from Shopify's CDN, never bundled. */
export const APP_BRIDGE_URL = "https://cdn.shopify.com/shopifycloud/app-bridge.js";

const PolarisLink = forwardRef<HTMLAnchorElement, { url: string; external?: boolean; children?: ReactNode }>(
  function PolarisLink({ url, external, children, ...rest }, ref) {
    if (external) {
      return (
        <a ref={ref} href={url} target="_blank" rel="noopener noreferrer" {...rest}>
          {children}
        </a>
      );
    }
    return (
      <Link ref={ref} to={url} {...rest}>
        {children}
      </Link>
    );
  },
);

/**
 * What `@shopify/shopify-app-remix/react`'s AppProvider does (App Bridge script, Polaris with Remix
 * links, admin-driven navigation), written here because that module imports JSON with import
 * attributes, which the Remix compiler's esbuild cannot parse.
 */
export function AdminAppProvider({
  apiKey,
  embedded,
  children,
  i18n,
}: {
  apiKey: string;
  embedded: boolean;
  children: ReactNode;
  /**
   * The staff member's locale, Trackline's messages in it, and Polaris's own translations, all from
   * the loader, so no catalogue (not even English) is bundled into the page's scripts.
   */
  i18n: { locale: AdminLocale; messages: Record<string, string>; polaris: AppProviderProps["i18n"] };
}) {
  const navigate = useNavigate();
  useEffect(() => {
    // App Bridge dispatches shopify:navigate when the merchant clicks the admin's app navigation.
    const onNavigate = (event: Event) => {
      const href = (event.target as Element | null)?.getAttribute?.("href");
      if (href) navigate(href);
    };
    addEventListener("shopify:navigate", onNavigate);
    return () => removeEventListener("shopify:navigate", onNavigate);
  }, [navigate]);
  return (
    <>
      {embedded && <script src={APP_BRIDGE_URL} data-api-key={apiKey} />}
      <IntlProvider locale={i18n.locale} messages={i18n.messages} defaultLocale="en">
        <PolarisAppProvider i18n={i18n.polaris} linkComponent={PolarisLink}>
          {children}
        </PolarisAppProvider>
      </IntlProvider>
    </>
  );
}
