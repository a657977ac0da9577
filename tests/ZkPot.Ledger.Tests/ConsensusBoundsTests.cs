using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Simulation;

namespace ZkPot.Ledger.Tests;

/// <summary>
/// What a Byzantine validator can make an honest one hold or compute, and how a node that fell behind gets back:
/// each flood is run with its bound turned off (the attack works) and on (it does not), and the honest nodes still commit.
/// </summary>
public sealed class ConsensusBoundsTests
{
    /// <summary>Counts proof checks (the expensive part of admitting a claim).</summary>
    sealed class CountingProofs(IProofVerifier inner) : IProofVerifier
    {
        public int Checks;
        public string Scheme => inner.Scheme;

        public bool Verify(AccuracyClaim claim)
        {
            Interlocked.Increment(ref Checks);
            return inner.Verify(claim);
        }
    }

    static Block OnlyCommit(Cluster c, int node) => Assert.Single(c.Committed(node));

    /// <summary>Node 3 signs a prevote and a precommit (for made-up blocks) at each of 2,000 views of height 1 and sends them to node 0.</summary>
    static int FloodFarViews(Cluster c)
    {
        var byzantine = c.Ids[3];
        for (int view = 0; view < 2000; view++)
        {
            var hash = Hash32.Sha256(BitConverter.GetBytes(view));
            c.Deliver(0, new VoteMessage(Vote.Create(Fixtures.Task, VoteKind.Prevote, 1, view, hash, byzantine)));
            c.Deliver(0, new VoteMessage(Vote.Create(Fixtures.Task, VoteKind.Precommit, 1, view, hash, byzantine)));
        }
        return c.Nodes[0].Held.Votes;
    }

    [Fact]
    public void Votes_at_far_views_are_not_held_and_do_not_move_an_honest_node()
    {
        var open = new Cluster(4, configure: cfg => cfg with { ViewWindow = int.MaxValue });
        open.Start();
        Assert.True(FloodFarViews(open) >= 4000, "with no window every far-view vote is held");

        var c = new Cluster(4);
        c.Start();
        int window = new ConsensusConfig { TaskId = Fixtures.Task, TestSamples = Fixtures.Samples }.ViewWindow;
        int held = FloodFarViews(c);
        // Node 0 is collecting claims (view -1, so views 0..window are kept): a prevote and a precommit at each.
        Assert.True(held <= 2 * (window + 1), $"{held} votes held after the flood, window {window}");
        // One voter far ahead is not f+1: node 0 stays where it is, and the height commits as usual.
        Assert.Equal(-1, c.Nodes[0].View);
        c.SubmitClaims(1, 70, 90, 80, 60);
        c.AdvanceTo(1000);
        var block = OnlyCommit(c, 0);
        for (int i = 1; i < 4; i++) Assert.Equal(block.Hash, OnlyCommit(c, i).Hash);
    }

    [Fact]
    public void Two_validators_beyond_the_window_include_an_honest_one_and_a_behind_node_jumps_to_their_view()
    {
        // f + 1 = 2 validators signed votes at view 50, far outside node 0's window: only their views are noted.
        var c = new Cluster(4);
        c.Start();
        var hash = Hash32.Sha256("some block"u8);
        c.Deliver(0, new VoteMessage(Vote.Create(Fixtures.Task, VoteKind.Prevote, 1, 50, hash, c.Ids[1])));
        Assert.Equal(-1, c.Nodes[0].View);
        c.Deliver(0, new VoteMessage(Vote.Create(Fixtures.Task, VoteKind.Prevote, 1, 50, hash, c.Ids[2])));
        Assert.Equal(50, c.Nodes[0].View);
    }

    /// <summary>Node 3 signs a proposal at each of views 20..1019 of height 1 and sends them to node 0; returns how many node 0 holds.</summary>
    static int FloodProposals(Cluster c)
    {
        var claims = c.Nodes[0].RankedClaims.ToList();
        var agg = new SimAggregator(c.Store).Aggregate(c.Genesis.Header, 1, claims)!.Value;
        for (int view = 20; view < 1020; view++)
        {
            var block = Block.Assemble(Fixtures.Task, 1, c.Genesis.Hash, view, agg.ModelCid, agg.ModelCommitment, agg.GlobalCorrect, agg.GlobalSamples,
                                       c.Ids[3].Id, claims, []);
            c.Deliver(0, new ProposalMessage(Proposal.Create(Fixtures.Task, view, -1, block, c.Ids[3])));
        }
        return c.Nodes[0].Held.Proposals;
    }

    [Fact]
    public void Proposals_at_far_views_are_not_held()
    {
        var open = new Cluster(4, configure: cfg => cfg with { ViewWindow = int.MaxValue }) { Link = (from, _, _) => from != 3 };
        open.Start();
        open.SubmitClaims(1, 70, 90, 80, 60);
        Assert.Equal(1000, FloodProposals(open));

        var c = new Cluster(4) { Link = (from, _, _) => from != 3 };
        c.Start();
        c.SubmitClaims(1, 70, 90, 80, 60);
        Assert.Equal(0, FloodProposals(c));
        c.AdvanceTo(1000);
        Assert.Single(c.Committed(0));
    }

    [Fact]
    public void A_participant_flooding_claims_with_bad_proofs_gets_one_proof_check_and_is_dropped_by_every_node()
    {
        var counting = new CountingProofs(Fixtures.Proofs);
        var c = new Cluster(4, claims: new ClaimVerifier(counting));
        c.Start();
        // Node 3 signs 500 different claims for round 1, each with a junk proof, and sends them to node 0.
        for (int i = 0; i < 500; i++)
            c.Deliver(0, new ClaimMessage(AccuracyClaim.Create(Fixtures.Task, 1, c.Ids[3], Hash32.Sha256(BitConverter.GetBytes(i)), 50,
                                                                Fixtures.Samples, new byte[StandInProofVerifier.ProofSize])));
        // One check at node 0, and one at each node it relayed the signed offence to; the rest refused unchecked.
        Assert.Equal(4, counting.Checks);
        Assert.Equal(499, c.Outputs[0].SelectMany(o => o.Claims).Count(v => v.Rejection == ClaimRejection.Disqualified));
        // Its valid claim, sent afterwards, is refused by every node alike: the rankings agree and the height commits.
        c.SubmitClaims(1, 70, 90, 80, 60);
        Assert.All(c.Nodes, n => Assert.DoesNotContain(n.RankedClaims, claim => claim.Participant == c.Ids[3].Id));
        c.AdvanceTo(1000);
        var block = Assert.Single(c.Committed(0));
        for (int i = 1; i < 4; i++) Assert.Equal(block.Hash, OnlyCommit(c, i).Hash);
    }

    /// <summary>
    /// The liveness attack of a claim sent to one validator alone, at 7 nodes with 2 Byzantine ones silent (the 5 honest
    /// ones must all agree on the leader). Participant 6 sends its valid claim to everyone, then a second valid one to
    /// node 0 only: node 0 drops it from its ranking, and unless the others learn why, its leader for most views differs.
    /// </summary>
    static Cluster SecondClaimToOne(bool relayOffences)
    {
        var c = new Cluster(7)
        {
            // Nodes 5 and 6 send only their claims; without relaying, honest nodes do not pass on participant 6's claims.
            Link = (from, to, m) => from is 5 or 6 ? m is ClaimMessage : relayOffences || m is not ClaimMessage { Claim.Participant: var p } || p != Fixtures.Identity(6).Id || from == to,
        };
        c.Start();
        // Participant 6 ranks first: with it gone from node 0's ranking, node 0's leader differs from the others' in
        // every view before view 36.
        c.SubmitClaims(1, 70, 90, 80, 60, 75, 50, 95);
        var commitment = Hash32.Sha256("another model"u8);
        var second = AccuracyClaim.Create(Fixtures.Task, 1, c.Ids[6], commitment, 95, Fixtures.Samples,
            StandInProofVerifier.Prove(Fixtures.Proofs.ProverKeyFor(c.Ids[6].Id), Fixtures.Task, 1, c.Ids[6].Id, commitment, 95, Fixtures.Samples));
        c.Deliver(0, new ClaimMessage(second));
        c.AdvanceTo(60_000);
        return c;
    }

    [Fact]
    public void A_second_claim_sent_to_one_validator_is_relayed_as_an_offence_and_every_honest_node_commits()
    {
        var attacked = SecondClaimToOne(relayOffences: false);
        Assert.All(Enumerable.Range(0, 5), i => Assert.Empty(attacked.Committed(i)));

        var c = SecondClaimToOne(relayOffences: true);
        var block = OnlyCommit(c, 0);
        for (int i = 1; i < 5; i++) Assert.Equal(block.Hash, OnlyCommit(c, i).Hash);
        Assert.Single(block.Evidence);
    }

    [Fact]
    public void A_participant_replaying_anothers_proof_is_disqualified_without_a_proof_check()
    {
        var counting = new CountingProofs(Fixtures.Proofs);
        var c = new Cluster(4, claims: new ClaimVerifier(counting));
        c.Start();
        c.SubmitClaims(1, 70, 90, 80, 60);
        int before = counting.Checks;
        // Node 3 signs 500 claims, each with participant 1's proof under another commitment.
        var victim = c.Nodes[0].RankedClaims.Single(claim => claim.Participant == c.Ids[1].Id);
        for (int i = 0; i < 500; i++)
            c.Deliver(0, new ClaimMessage(AccuracyClaim.Create(Fixtures.Task, 1, c.Ids[3], Hash32.Sha256(BitConverter.GetBytes(i)), 90, Fixtures.Samples, victim.Proof)));
        Assert.Equal(before, counting.Checks);
        Assert.All(c.Nodes, n => Assert.DoesNotContain(n.RankedClaims, claim => claim.Participant == c.Ids[3].Id));
    }

    [Fact]
    public void An_equivocating_proposer_leaves_one_piece_of_evidence_not_one_per_signature()
    {
        var c = new Cluster(4) { Link = (from, _, _) => from != 3 };
        c.Start();
        c.SubmitClaims(1, 70, 90, 80, 60);
        var claims = c.Nodes[0].RankedClaims.ToList();
        var agg = new SimAggregator(c.Store).Aggregate(c.Genesis.Header, 1, claims)!.Value;
        for (int i = 0; i < 200; i++)
        {
            var block = Block.Assemble(Fixtures.Task, 1, c.Genesis.Hash, 0, agg.ModelCid, agg.ModelCommitment, agg.GlobalCorrect - i % 2, agg.GlobalSamples,
                                       c.Ids[3].Id, claims.Take(3 + i % 2), []);
            c.Deliver(0, new ProposalMessage(Proposal.Create(Fixtures.Task, 0, -1, block, c.Ids[3])));
        }
        Assert.Single(c.Nodes[0].PendingEvidence, e => e.Offender == c.Ids[3].Id);
    }

    [Fact]
    public void Messages_for_a_later_height_are_screened_before_they_wait()
    {
        var c = new Cluster(4) { Link = (from, _, _) => from != 3 };
        c.Start();
        // Node 3 signs 300 proposals for height 2 (and 300 more with a bad signature): at most two of its own wait.
        var claims = Enumerable.Range(0, 4).Select(i => Fixtures.Claim(c.Ids[i], 2, 70 + i)).ToList();
        for (int i = 0; i < 300; i++)
        {
            var block = Block.Assemble(Fixtures.Task, 2, Hash32.Sha256(BitConverter.GetBytes(i)), 0, c.Genesis.Header.ModelCid, Hash32.Zero, 1, Fixtures.Samples,
                                       c.Ids[3].Id, claims, []);
            c.Deliver(0, new ProposalMessage(Proposal.Create(Fixtures.Task, i % 3, -1, block, c.Ids[3])));
            c.Deliver(0, new ProposalMessage(Proposal.Create(Fixtures.Task, 0, -1, block, Fixtures.Identity(60 + i % 5))));
        }
        Assert.Equal(2, c.Nodes[0].Buffered);
    }

    [Fact]
    public void Claims_forged_in_an_honest_participants_name_do_not_use_up_its_bound()
    {
        var counting = new CountingProofs(Fixtures.Proofs);
        var c = new Cluster(4, claims: new ClaimVerifier(counting));
        c.Start();
        // Node 3 makes 100 claims naming participant 1, each signed with node 3's key: bad signatures, nothing checked or kept.
        var honest = Fixtures.Claim(c.Ids[1], 1, 90);
        for (int i = 0; i < 100; i++)
        {
            var signed = AccuracyClaim.Create(Fixtures.Task, 1, c.Ids[3], Hash32.Sha256(BitConverter.GetBytes(i)), 99, Fixtures.Samples, honest.Proof);
            c.Deliver(0, new ClaimMessage(new AccuracyClaim(Fixtures.Task, 1, c.Ids[1].Id, signed.WeightsCommitment, 99, Fixtures.Samples, honest.Proof, signed.Signature)));
        }
        Assert.Equal(0, counting.Checks);
        c.SubmitClaims(1, 70, 90, 80, 60);
        Assert.Contains(c.Nodes[0].RankedClaims, claim => claim.Participant == c.Ids[1].Id);
    }

    [Fact]
    public void A_block_with_more_claims_than_participants_has_none_of_its_claims_checked()
    {
        var counting = new CountingProofs(Fixtures.Proofs);
        var c = new Cluster(4, claims: new ClaimVerifier(counting)) { Link = (from, _, m) => from != 1 || m is ClaimMessage };
        c.Start();
        c.SubmitClaims(1, 70, 90, 80, 60);
        int before = counting.Checks;
        // The rightful leader (node 1) pads its block with 40 claims of its own, each with a different junk proof.
        var claims = c.Nodes[1].RankedClaims.ToList();
        var padding = Enumerable.Range(0, 40).Select(i => AccuracyClaim.Create(Fixtures.Task, 1, c.Ids[1], Hash32.Sha256(BitConverter.GetBytes(i)),
                                                                                90, Fixtures.Samples, new byte[StandInProofVerifier.ProofSize]));
        var agg = new SimAggregator(c.Store).Aggregate(c.Genesis.Header, 1, claims)!.Value;
        var padded = new Block(Block.Assemble(Fixtures.Task, 1, c.Genesis.Hash, 0, agg.ModelCid, agg.ModelCommitment, agg.GlobalCorrect,
                                              agg.GlobalSamples, c.Ids[1].Id, claims, []).Header, claims.Concat(padding).ToList(), [], null);
        foreach (int to in new[] { 0, 2, 3 }) c.Deliver(to, new ProposalMessage(Proposal.Create(Fixtures.Task, 0, -1, padded, c.Ids[1])));
        Assert.Equal(before, counting.Checks);
        Assert.All(new[] { 0, 2, 3 }, i => Assert.Equal(0, c.Nodes[i].Held.Proposals));
        c.AdvanceTo(5000);
        Assert.All(new[] { 0, 2, 3 }, i => Assert.NotEqual(padded.Hash, OnlyCommit(c, i).Hash));
    }

    /// <summary>Runs heights 1..<paramref name="heights"/> with every claim submitted and the clock moved until each commits at nodes 0-2.</summary>
    static void RunHeights(Cluster c, int from, int heights)
    {
        for (int h = from; h < from + heights; h++)
        {
            c.SubmitClaims(h, 70, 90, 80, 60);
            c.AdvanceTo(c.Now + 20_000);
            Assert.Equal(h + 1, c.Nodes[0].Height);
        }
    }

    [Fact]
    public void A_node_that_fell_behind_catches_up_by_block_sync_and_checks_each_certificate()
    {
        bool cut = true, syncAllowed = true;
        var c = new Cluster(4) { Link = (from, to, m) => !(cut && (from == 3 || to == 3)) && (syncAllowed || m is not SyncRequestMessage) };
        c.Start();
        RunHeights(c, 1, 6);
        Assert.Equal(1, c.Nodes[3].Height);

        // Reconnected: the others are five heights ahead, beyond what decisions are buffered for; node 3 asks.
        cut = false;
        c.SubmitClaims(7, 70, 90, 80, 60);
        c.AdvanceTo(c.Now + 20_000);
        Assert.Contains(c.Sent, s => s.From == 3 && s.Message is SyncRequestMessage { FromHeight: 1 });
        Assert.Equal(c.Nodes[0].Chain.Blocks.Select(b => b.Hash).Take(7), c.Nodes[3].Chain.Blocks.Select(b => b.Hash).Take(7));
        Assert.True(c.Nodes[3].Height >= 7);
    }

    /// <summary>
    /// Node 3 is silent, so nodes 0-2 must all be in one view to commit. Node 0 commits height 1 while nodes 1 and 2
    /// miss every precommit and decision for a long time. Before, node 0 ran through the views of height 2 alone on its
    /// timer and stayed hundreds of views ahead once the timeouts reached their cap (found by review: 50 minutes after
    /// healing, no commit). Now the timer moves a node on only when a quorum has been in its view, so node 0 waits.
    /// </summary>
    [Fact]
    public void A_node_that_got_ahead_alone_waits_for_the_others_and_the_next_height_commits()
    {
        bool cut = true;
        var c = new Cluster(4)
        {
            Link = (from, to, m) => (from != 3 || m is ClaimMessage)
                && !(cut && to is 1 or 2 && m is DecisionMessage or SyncRequestMessage or VoteMessage { Vote.Kind: VoteKind.Precommit }),
        };
        c.Start();
        c.SubmitClaims(1, 70, 90, 80, 60);
        c.AdvanceTo(2_000);
        Assert.Equal(2, c.Nodes[0].Height);
        c.SubmitClaims(2, 70, 90, 80, 60);
        c.AdvanceTo(600_000);
        Assert.Equal(1, c.Nodes[1].Height);
        Assert.True(c.Nodes[0].View <= 1, $"node 0 ran ahead alone to view {c.Nodes[0].View}");

        cut = false;
        c.AdvanceTo(700_000);
        foreach (int i in new[] { 0, 1, 2 }) Assert.True(c.Nodes[i].Height >= 3, $"node {i} is at height {c.Nodes[i].Height}, view {c.Nodes[i].View}");
    }

    [Fact]
    public void Without_sync_a_node_more_than_the_buffered_heights_behind_stays_behind()
    {
        bool cut = true;
        var c = new Cluster(4) { Link = (from, to, m) => !(cut && (from == 3 || to == 3)) && m is not SyncRequestMessage };
        c.Start();
        RunHeights(c, 1, 6);
        cut = false;
        c.SubmitClaims(7, 70, 90, 80, 60);
        c.AdvanceTo(c.Now + 20_000);
        Assert.Equal(1, c.Nodes[3].Height);
    }

    [Fact]
    public void A_sync_answer_without_a_quorum_certificate_is_not_committed()
    {
        var c = new Cluster(4) { Link = (_, to, _) => to != 3 };
        c.Start();
        c.SubmitClaims(1, 70, 90, 80, 60);
        c.AdvanceTo(1000);
        var block = OnlyCommit(c, 0);
        // A Byzantine peer answers node 3's request with the real block under a certificate of two signatures, then a made-up one.
        c.Deliver(3, new DecisionMessage(block.WithCertificate(Fixtures.Certificate(block, c.Ids[..2]))));
        var fake = Fixtures.Certified(c.Genesis, c.Ids.Select((id, i) => Fixtures.Claim(id, 1, 10 + i)), [], c.Ids[3].Id, [c.Ids[3]]);
        c.Deliver(3, new DecisionMessage(fake));
        Assert.Empty(c.Committed(3));
        c.Deliver(3, new DecisionMessage(block));
        Assert.Equal(block.Hash, OnlyCommit(c, 3).Hash);
    }

    [Fact]
    public void Sync_requests_are_answered_with_a_bounded_batch_once_per_view_timeout()
    {
        var c = new Cluster(4);
        c.Start();
        RunHeights(c, 1, 6);
        var request = new SyncRequestMessage(c.Ids[3].Id, 1);
        var first = c.Nodes[0].Receive(request, c.Now);
        Assert.Equal([1L, 2L, 3L], first.Direct.Select(d => ((DecisionMessage)d.Message).Block.Height));
        Assert.All(first.Direct, d => Assert.Equal(c.Ids[3].Id, d.To));
        Assert.Empty(c.Nodes[0].Receive(request, c.Now + 10).Direct);
        // Another height in the same view timeout gets nothing either: one batch per requester per timeout.
        Assert.Empty(c.Nodes[0].Receive(new SyncRequestMessage(c.Ids[3].Id, 2), c.Now + 20).Direct);
        Assert.Empty(c.Nodes[0].Receive(new SyncRequestMessage(Fixtures.Identity(77).Id, 1), c.Now).Direct);
        Assert.Equal(3, c.Nodes[0].Receive(request, c.Now + 1500).Direct.Count);
    }
}
