/**
 * Who is calling and what they may do: users, roles granted over agency subtrees, login with MFA, single
 * sign-on, API tokens, and the permission check in front of every endpoint.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit", "organisation"})
package vn.attthub.identity;
