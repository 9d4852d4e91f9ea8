/** The settings each sub-dialog edits: the button that opens it shows the world's errors about them. */
export const AUTH_KEYS = [
  'auth.anonymous',
  'auth.basic',
  'auth.basicRequiresTls',
  'auth.defaultDomain',
  'auth.integrated',
];
export const COMMUNICATION_KEYS = ['tls.required'];
export const CONNECTION_KEYS = [
  'connectionControl.mode',
  'connectionControl.list',
  'connectionControl.domains',
];
export const RELAY_KEYS = ['relay.mode', 'relay.list', 'relay.domains', 'relay.allowAuthenticated'];
export const LOGGING_KEYS = [
  'logging.schedule',
  'logging.maxSizeMb',
  'logging.localTimeNaming',
  'logging.fields',
];
export const OUTBOUND_SECURITY_KEYS = [
  'outboundSecurity.auth',
  'outboundSecurity.user',
  'outboundSecurity.password',
  'outboundSecurity.tls',
];
export const OUTBOUND_CONNECTIONS_KEYS = [
  'outboundConnections.limit',
  'outboundConnections.timeoutMin',
  'outboundConnections.perDomainLimit',
  'outboundPort',
];
export const ADVANCED_DELIVERY_KEYS = [
  'maxHopCount',
  'masqueradeDomain',
  'fqdn',
  'smartHost',
  'attemptDirectFirst',
  'reverseDnsLookup',
  'externalDnsServers',
];

/** The Properties tab that holds a setting (the sheet switches to it when the world rejects the key). */
export function tabOf(key: string): string {
  if (/^(displayName|bindings|maxConnections|connectionTimeoutMin|logging\.)/.test(key))
    return 'general';
  if (/^(auth\.|tls\.|connectionControl\.|relay\.)/.test(key)) return 'access';
  if (
    /^(maxMessageKb|maxSessionKb|maxMessagesPerConnection|maxRecipients|ndrCopyTo|badmailDirectory)$/.test(
      key,
    )
  )
    return 'messages';
  return 'delivery';
}
