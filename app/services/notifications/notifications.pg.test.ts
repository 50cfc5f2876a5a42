import { notificationsContract } from "./notifications.contract";

notificationsContract("postgres");
