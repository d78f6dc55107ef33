import { useEffect, useState } from "react";

/** Copies text to the clipboard and says for a moment whether that worked. */
export function CopyButton(props: { text: string; label?: string }) {
  const [result, setResult] = useState<"Copied" | "Copy failed">();

  useEffect(() => {
    if (!result) return;
    const timer = setTimeout(() => setResult(undefined), 1500);
    return () => clearTimeout(timer);
  }, [result]);

  async function copy() {
    let ok = true;
    try {
      await navigator.clipboard.writeText(props.text);
    } catch {
      // No clipboard API (e.g. plain http on another host): the older way.
      const area = document.createElement("textarea");
      area.value = props.text;
      document.body.appendChild(area);
      area.select();
      ok = document.execCommand("copy");
      area.remove();
    }
    setResult(ok ? "Copied" : "Copy failed");
  }

  // The name says what is copied ("Copy key") and holds the visible text, also once it reads "Copied".
  const label = props.label ?? "Copy";
  return (
    <button type="button" className="button small" onClick={copy} aria-label={result ? label + ": " + result : label}>
      {result ?? "Copy"}
    </button>
  );
}
