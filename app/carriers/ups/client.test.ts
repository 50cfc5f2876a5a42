import { describeClientConformance } from "~/testing/carrier-conformance";

describeClientConformance("ups", { oauth: true, found: "1Z999AA10123456784", notFound: "1ZNOTFOUND0000001" });
