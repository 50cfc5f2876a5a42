/**
 * Polaris components are imported from their own files (`@shopify/polaris/build/esm/components/…`),
 * not from the package's index: the browser build then puts each component in the chunk of the
 * pages that use it, where the index put every component any page uses into one chunk that every
 * page loads. Those files carry no types of their own; these declarations give each the types the
 * package publishes for the same export.
 */
declare module "@shopify/polaris/build/esm/components/AppProvider/AppProvider.js" {
  export { AppProvider } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/Badge/Badge.js" {
  export { Badge } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/Banner/Banner.js" {
  export { Banner } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/BlockStack/BlockStack.js" {
  export { BlockStack } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/Box/Box.js" {
  export { Box } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/Button/Button.js" {
  export { Button } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/ButtonGroup/ButtonGroup.js" {
  export { ButtonGroup } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/Card/Card.js" {
  export { Card } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/Checkbox/Checkbox.js" {
  export { Checkbox } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/ChoiceList/ChoiceList.js" {
  export { ChoiceList } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/ColorPicker/ColorPicker.js" {
  export { ColorPicker } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/ContextualSaveBar/ContextualSaveBar.js" {
  export { ContextualSaveBar } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/DataTable/DataTable.js" {
  export { DataTable } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/DropZone/DropZone.js" {
  export { DropZone } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/EmptyState/EmptyState.js" {
  export { EmptyState } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/FormLayout/FormLayout.js" {
  export { FormLayout } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/Frame/Frame.js" {
  export { Frame } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/IndexFilters/IndexFilters.js" {
  export { IndexFilters } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/IndexFilters/hooks/useSetIndexFiltersMode/useSetIndexFiltersMode.js" {
  export { useSetIndexFiltersMode } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/IndexTable/IndexTable.js" {
  export { IndexTable } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/InlineGrid/InlineGrid.js" {
  export { InlineGrid } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/InlineStack/InlineStack.js" {
  export { InlineStack } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/Layout/Layout.js" {
  export { Layout } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/Link/Link.js" {
  export { Link } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/Modal/Modal.js" {
  export { Modal } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/Navigation/Navigation.js" {
  export { Navigation } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/Page/Page.js" {
  export { Page } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/ProgressBar/ProgressBar.js" {
  export { ProgressBar } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/Select/Select.js" {
  export { Select } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/Text/Text.js" {
  export { Text } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/TextField/TextField.js" {
  export { TextField } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/components/Thumbnail/Thumbnail.js" {
  export { Thumbnail } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/utilities/breakpoints.js" {
  export { useBreakpoints } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/utilities/color-transformers.js" {
  export { hexToRgb, hsbToHex, rgbToHsb } from "@shopify/polaris";
}
declare module "@shopify/polaris/build/esm/utilities/use-index-resource-state.js" {
  export { useIndexResourceState } from "@shopify/polaris";
}
