/**
 * BLS-Raft: threshold BLS signatures (Ethereum's POP ciphersuite) collected on Raft's replication
 * traffic, so that every committed entry comes out with a group signature.
 */
package io.dvraft.bls;
