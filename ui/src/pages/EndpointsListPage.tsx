export function EndpointsListPage() { return <p>EndpointsListPage is being written.</p>; }
