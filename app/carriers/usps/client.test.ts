import { describeClientConformance } from "~/testing/carrier-conformance";

describeClientConformance("usps", { oauth: true, found: "9400111899223197428490", notFound: "9400NOTFOUND28491" });
