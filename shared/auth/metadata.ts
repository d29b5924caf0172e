import { endpointPaths, pagePaths } from '../../functions/routes.js';
import { issuer, mcpResource } from '../config/index.js';
import { clientGrantTypes, tokenEndpointAuthMethods } from './client-metadata.js';
import { resourceScopes, supportedScopes } from './scopes.js';

/** RFC 9728 protected resource metadata of the MCP endpoint. */
export function protectedResourceMetadata() {
  return {
    resource: mcpResource(),
    authorization_servers: [issuer()],
    scopes_supported: [...resourceScopes],
    bearer_methods_supported: ['header'],
    resource_name: 'Clerq',
  };
}

/** RFC 8414 authorization server metadata: only what is implemented. */
export function authorizationServerMetadata() {
  const base = issuer();
  return {
    issuer: base,
    authorization_endpoint: `${base}${pagePaths.authorize}`,
    token_endpoint: `${base}${endpointPaths.token}`,
    registration_endpoint: `${base}${endpointPaths.registration}`,
    revocation_endpoint: `${base}${endpointPaths.revocation}`,
    scopes_supported: [...supportedScopes],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: clientGrantTypes,
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: tokenEndpointAuthMethods,
    revocation_endpoint_auth_methods_supported: tokenEndpointAuthMethods,
    authorization_response_iss_parameter_supported: true,
    client_id_metadata_document_supported: true,
  };
}
