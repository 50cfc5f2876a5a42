import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { adminTrackingApi } from "./admin-api";
import { OrderShipmentsView } from "./OrderShipmentsView";

// admin.order-details.block.render
export default async () => {
  const clipboard = typeof navigator !== "undefined" ? navigator.clipboard : undefined;
  render(<OrderShipmentsView api={adminTrackingApi(shopify, clipboard)} />, document.body);
};
