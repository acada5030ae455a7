package io.dvraft.raft.message;

/**
 * RequestVote (Raft 5.2), or its pre-vote rehearsal (thesis 9.6).
 *
 * @param term the term the candidate asks votes for; for a pre-vote, the term it would campaign
 *     in (its current term plus one), without having moved to it
 * @param lastLogIndex the index of the candidate's last log entry
 * @param lastLogTerm the term of the candidate's last log entry
 * @param preVote true for a pre-vote, which changes no one's term or vote
 * @param leadershipTransfer true when the campaign was started by {@link TimeoutNow}, which lets
 *     it through the voters' leader stickiness
 */
public record VoteRequest(
    long term, long lastLogIndex, long lastLogTerm, boolean preVote, boolean leadershipTransfer)
    implements Message {}
