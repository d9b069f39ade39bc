/**
 * The state people change, as it travels on Kafka: silences, acknowledgements and notes on
 * incidents, and the audit trail of who changed what. Every server reads it back from the topics,
 * so all servers and every restart agree on it.
 */
package dev.stallwatch.model.team;
