import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { OrderSummaryView } from "./OrderSummaryView";
import { customerTrackingApi } from "./tracking-api";

// customer-account.order-status.block.render: the whole order at a glance.
export default async () => {
  render(<OrderSummaryView api={customerTrackingApi(shopify)} />, document.body);
};
