using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Simulation;

namespace ZkPot.Ledger.Tests;

public sealed class ClaimEncodingTests
{
    [Fact]
    public void A_claim_with_a_128_byte_proof_encodes_in_under_512_bytes()
    {
        var claim = Fixtures.Claim(Fixtures.Identity(0), 1, 80);
        Assert.Equal(StandInProofVerifier.ProofSize, claim.Proof.Length);
        byte[] encoded = claim.Encode();
        // task 32 + round 8 + participant 20 + commitment 32 + correct 4 + samples 4 + proof 4+128 + signature 64
        Assert.Equal(296, encoded.Length);
        Assert.True(encoded.Length < 512);
    }

    [Fact]
    public void Claim_round_trips_through_its_encoding()
    {
        var claim = Fixtures.Claim(Fixtures.Identity(5), 9, 61);
        var back = AccuracyClaim.Decode(claim.Encode());
        Assert.Equal(claim.Id, back.Id);
        Assert.Equal(claim.Participant, back.Participant);
        Assert.Equal(claim.CorrectCount, back.CorrectCount);
        Assert.Equal(claim.Proof, back.Proof);
    }

    [Fact]
    public void Decoding_refuses_a_count_above_the_sample_count()
    {
        byte[] encoded = Fixtures.Claim(Fixtures.Identity(0), 1, 80).Encode();
        // correct_count sits after task (32), round (8), participant (20), commitment (32).
        BitConverter.TryWriteBytes(encoded.AsSpan(92, 4), 101u);
        var e = Assert.Throws<InvalidDataException>(() => AccuracyClaim.Decode(encoded));
        Assert.Contains("correct_count", e.Message);
    }

    [Fact]
    public void Decoding_refuses_a_truncated_claim_naming_the_field()
    {
        byte[] encoded = Fixtures.Claim(Fixtures.Identity(0), 1, 80).Encode();
        var e = Assert.Throws<InvalidDataException>(() => AccuracyClaim.Decode(encoded[..^10]));
        Assert.Contains("signature", e.Message);
    }
}
