"""Signing and verifying the registry's credentials, offline: W3C Data Integrity proofs with the
eddsa-rdfc-2022 cryptosuite (RDF canonicalization, SHA-256, Ed25519), Multikey encoding, did:web
documents, and Bitstring Status Lists for revocation. JSON-LD contexts come from pinned local copies
(contexts/); nothing is ever fetched."""
