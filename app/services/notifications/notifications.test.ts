import { notificationsContract } from "./notifications.contract";

notificationsContract("sqlite");
