import { Modal } from "@shopify/polaris/build/esm/components/Modal/Modal.js";
import { Text } from "@shopify/polaris/build/esm/components/Text/Text.js";

/**
 * "Leave with unsaved changes?": asked only once the settings have an edit, so the page fetches
 * this module (Polaris's Modal and its transitions) on the first edit, not with the page.
 */
export default function LeaveSettingsModal(props: { open: boolean; title: string; body: string; stay: string; leave: string; onStay: () => void; onLeave: () => void }) {
  return (
    <Modal
      open={props.open}
      onClose={props.onStay}
      title={props.title}
      primaryAction={{ content: props.stay, onAction: props.onStay }}
      secondaryActions={[{ content: props.leave, destructive: true, onAction: props.onLeave }]}
    >
      <Modal.Section>
        <Text as="p">{props.body}</Text>
      </Modal.Section>
    </Modal>
  );
}
