import { LoginErrorType } from "@shopify/shopify-app-remix/server";

/** Turns the library's login errors into words for the login form. */
export function loginErrorMessage(errors: { shop?: LoginErrorType } | undefined): string | null {
  if (errors?.shop === LoginErrorType.MissingShop) return "Please enter your shop domain to log in";
  if (errors?.shop === LoginErrorType.InvalidShop) return "Please enter a valid shop domain to log in";
  return null;
}
