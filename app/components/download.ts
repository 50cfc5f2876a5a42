/** Download through fetch so the embedded admin's session token goes along; the server streams it. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`Download failed (${response.status})`);
  const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = name;
  anchor.click();
  URL.revokeObjectURL(url);
}
