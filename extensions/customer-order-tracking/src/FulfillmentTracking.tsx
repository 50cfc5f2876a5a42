import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { FulfillmentTrackingView } from "./FulfillmentTrackingView";
import { customerTrackingApi } from "./tracking-api";

// customer-account.order-status.fulfillment-details.render-after: one instance per fulfillment.
export default async () => {
  render(<FulfillmentTrackingView api={customerTrackingApi(shopify)} fulfillmentId={shopify.fulfillmentId} />, document.body);
};
