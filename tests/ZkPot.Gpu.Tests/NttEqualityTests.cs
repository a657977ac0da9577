namespace ZkPot.Gpu.Tests;

[Collection(CpuAcceleratorCollection.Name)]
public class NttEqualityTests(CpuAcceleratorFixture fixture)
{
    static readonly CpuNtt Cpu = new(1);

    static Fr[] RandomVector(int n, int seed)
    {
        var rng = new Random(seed);
        var v = new Fr[n];
        for (int i = 0; i < n; i++) v[i] = Fr.Random(rng);
        if (n > 2) { v[0] = Fr.Zero; v[1] = -Fr.One; }
        return v;
    }

    static void AssertSame(Fr[] expected, Fr[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++) Assert.True(expected[i] == actual[i], $"{what}: element {i} of {expected.Length}");
    }

    public static TheoryData<int> LogSizes => new() { 0, 1, 2, 4, 5, 8 };

    [Theory]
    [MemberData(nameof(LogSizes))]
    public void Forward_and_inverse_equal_CpuNtt_element_for_element(int log)
    {
        var input = RandomVector(1 << log, 100 + log);
        var cpu = (Fr[])input.Clone();
        var gpu = (Fr[])input.Clone();
        Cpu.Forward(cpu);
        fixture.Ntt.Forward(gpu);
        AssertSame(cpu, gpu, "forward");
        Cpu.Inverse(cpu);
        fixture.Ntt.Inverse(gpu);
        AssertSame(cpu, gpu, "inverse");
        AssertSame(input, gpu, "round trip");
    }

    [Theory]
    [MemberData(nameof(LogSizes))]
    public void Coset_transforms_equal_CpuNtt(int log)
    {
        var input = RandomVector(1 << log, 200 + log);
        var shift = Fr.FromUInt64(7);
        var cpu = (Fr[])input.Clone();
        var gpu = (Fr[])input.Clone();
        Cpu.ForwardOnCoset(cpu, shift);
        fixture.Ntt.ForwardOnCoset(gpu, shift);
        AssertSame(cpu, gpu, "forward on coset");
        Cpu.InverseOnCoset(cpu, shift);
        fixture.Ntt.InverseOnCoset(gpu, shift);
        AssertSame(cpu, gpu, "inverse on coset");
        AssertSame(input, gpu, "coset round trip");
    }

    [Theory]
    [MemberData(nameof(LogSizes))]
    public void ToOddCoset_equals_CpuNtt(int log)
    {
        var input = RandomVector(1 << log, 300 + log);
        var cpu = (Fr[])input.Clone();
        var gpu = (Fr[])input.Clone();
        Cpu.ToOddCoset(cpu);
        fixture.Ntt.ToOddCoset(gpu);
        AssertSame(cpu, gpu, "odd coset");
    }

    [Fact]
    public void A_smaller_domain_after_a_larger_one_reuses_the_twiddle_table_correctly()
    {
        foreach (int log in new[] { 7, 3, 6 })
        {
            var cpu = RandomVector(1 << log, 400 + log);
            var gpu = (Fr[])cpu.Clone();
            Cpu.Forward(cpu);
            fixture.Ntt.Forward(gpu);
            AssertSame(cpu, gpu, $"forward 2^{log}");
        }
    }

    [Fact]
    public void Bad_lengths_and_zero_shift_are_rejected_before_any_work()
    {
        var three = RandomVector(3, 5);
        var copy = (Fr[])three.Clone();
        Assert.Throws<ArgumentException>(() => fixture.Ntt.Forward(three));
        AssertSame(copy, three, "input after a rejected call");
        Assert.Throws<ArgumentException>(() => fixture.Ntt.InverseOnCoset(RandomVector(4, 6), Fr.Zero));
        Assert.Throws<ArgumentException>(() => fixture.Ntt.Forward(Span<Fr>.Empty));
    }
}
