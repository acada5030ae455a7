/**
 * Test-only threshold signing for large simulation campaigns. Nothing here is secure.
 */
package io.dvraft.testkit.bls;
