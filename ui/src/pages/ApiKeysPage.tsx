export function ApiKeysPage() { return <p>ApiKeysPage is being written.</p>; }
