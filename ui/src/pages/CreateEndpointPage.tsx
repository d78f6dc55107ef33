export function CreateEndpointPage() { return <p>CreateEndpointPage is being written.</p>; }
