/** The only package that knows Helidon: routes, status mapping and JSON responses. */
package dev.edm.web;
