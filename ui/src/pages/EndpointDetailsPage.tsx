export function EndpointDetailsPage(props: { endpointId: string }) { return <p>{props.endpointId}</p>; }
