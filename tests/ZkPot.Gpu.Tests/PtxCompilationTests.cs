using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using ZkPot.Gpu.Device;

namespace ZkPot.Gpu.Tests;

/// <summary>
/// Compiles every kernel with ILGPU's PTX backend for SM_90 (H100) without a GPU, so a kernel ILGPU cannot
/// translate, or inline PTX it rejects, fails here rather than on the first CUDA machine. ILGPU writes the lowest
/// .target the kernel needs (capped at sm_80 by ILGPU 1.5), which an SM_90 driver runs; ptxas is not run.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PtxCompilationTests(PtxCompilationTests.Sm90Backend sm90) : IClassFixture<PtxCompilationTests.Sm90Backend>
{
    /// <summary>One context and backend for the class: ILGPU reuses the IR of functions the kernels share.</summary>
    public sealed class Sm90Backend : IDisposable
    {
        readonly Context _context = Context.Create(b => b.Cuda().Optimize(OptimizationLevel.O2));

        public Sm90Backend() => Backend = new PTXBackend(_context, CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null!);

        public PTXBackend Backend { get; }

        public void Dispose()
        {
            Backend.Dispose();
            _context.Dispose();
        }
    }

    readonly PTXBackend _backend = sm90.Backend;

    /// <summary>Every library kernel, generic ones closed over the types GpuMsm uses, by a name the theory can show.</summary>
    static readonly Dictionary<string, MethodInfo> Kernels = new()
    {
        ["Recode"] = Method<Action<Index1D, ArrayView<Word256>, ArrayView<int>, ArrayView<int>, MsmShape>>(MsmKernels.Recode),
        ["ScanChunks"] = Method<Action<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, int>>(MsmKernels.ScanChunks),
        ["ScanChunkTotals"] = Method<Action<Index1D, ArrayView<int>, int>>(MsmKernels.ScanChunkTotals),
        ["AddChunkBases"] = Method<Action<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, int>>(MsmKernels.AddChunkBases),
        ["Scatter"] = Method<Action<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, MsmShape>>(MsmKernels.Scatter),
        ["AccumulateBuckets G1"] = Method<Action<Index1D, ArrayView<ulong>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<DeviceJacobian<Word256>>, MsmShape>>(
            MsmKernels.AccumulateBuckets<Word256, DeviceFp, G1Layout>),
        ["AccumulateBuckets G2"] = Method<Action<Index1D, ArrayView<ulong>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<DeviceJacobian<Fp2Words>>, MsmShape>>(
            MsmKernels.AccumulateBuckets<Fp2Words, DeviceFp2, G2Layout>),
        ["ReduceSegments G1"] = Method<Action<Index1D, ArrayView<DeviceJacobian<Word256>>, ArrayView<DeviceJacobian<Word256>>, MsmShape>>(MsmKernels.ReduceSegments<Word256, DeviceFp>),
        ["ReduceSegments G2"] = Method<Action<Index1D, ArrayView<DeviceJacobian<Fp2Words>>, ArrayView<DeviceJacobian<Fp2Words>>, MsmShape>>(MsmKernels.ReduceSegments<Fp2Words, DeviceFp2>),
        ["SumWindows G1"] = Method<Action<Index1D, ArrayView<DeviceJacobian<Word256>>, ArrayView<DeviceJacobian<Word256>>, MsmShape>>(MsmKernels.SumWindows<Word256, DeviceFp>),
        ["SumWindows G2"] = Method<Action<Index1D, ArrayView<DeviceJacobian<Fp2Words>>, ArrayView<DeviceJacobian<Fp2Words>>, MsmShape>>(MsmKernels.SumWindows<Fp2Words, DeviceFp2>),
        ["BitReverse"] = Method<Action<Index1D, ArrayView<Word256>, int>>(NttKernels.BitReverse),
        ["Butterfly"] = Method<Action<Index1D, ArrayView<Word256>, ArrayView<Word256>, int>>(NttKernels.Butterfly),
        ["ReverseTail"] = Method<Action<Index1D, ArrayView<Word256>, int>>(NttKernels.ReverseTail),
        ["ScaleByPowers"] = Method<Action<Index1D, ArrayView<Word256>, Word256, Word256, int>>(NttKernels.ScaleByPowers),
        ["TopTwiddles"] = Method<Action<Index1D, ArrayView<Word256>, Word256, int>>(NttKernels.TopTwiddles),
        ["LowerTwiddles"] = Method<Action<Index1D, ArrayView<Word256>, int>>(NttKernels.LowerTwiddles),
    };

    /// <summary>The kernels that multiply field elements, so their PTX must carry the inline Montgomery product.</summary>
    static readonly HashSet<string> FieldKernels =
        ["Recode", "AccumulateBuckets G1", "AccumulateBuckets G2", "ReduceSegments G1", "ReduceSegments G2", "SumWindows G1",
         "SumWindows G2", "Butterfly", "ScaleByPowers", "TopTwiddles"];

    static MethodInfo Method<TDelegate>(TDelegate kernel) where TDelegate : Delegate => kernel.Method;

    public static TheoryData<string> KernelNames => new(Kernels.Keys);

    string CompileToPtx(MethodInfo kernel)
    {
        var entry = EntryPointDescription.FromImplicitlyGroupedKernel(kernel);
        var compiled = (PTXCompiledKernel)_backend.Compile(entry, KernelSpecialization.Empty);
        return compiled.PTXAssembly;
    }

    [Theory]
    [MemberData(nameof(KernelNames))]
    public void Kernel_compiles_to_PTX_for_SM_90(string name)
    {
        Assert.Equal(CudaArchitecture.SM_90, _backend.Architecture);
        string ptx = CompileToPtx(Kernels[name]);
        Assert.Contains(".visible .entry", ptx);
        Assert.Matches(@"(?m)^\.target sm_[5-9]\d", ptx);
        if (FieldKernels.Contains(name))
        {
            // The Montgomery product's carry chains, emitted as inline PTX rather than the 32-bit fallback alone.
            foreach (var instruction in new[] { "mul.lo.u64", "mad.lo.cc.u64", "madc.hi.cc.u64", "madc.hi.u64", "addc.u64", "subc.cc.u64", "selp.b64" })
                Assert.Contains(instruction, ptx);
        }
    }

    [Fact]
    public void Field_kernel_PTX_holds_the_Montgomery_product_as_one_block()
    {
        string ptx = CompileToPtx(Method<Action<Index1D, ArrayView<Word256>, ArrayView<Word256>, ArrayView<Word256>>>(Tests.FieldKernels.MulFp));
        int start = ptx.IndexOf(".reg .u64 t<5>;", StringComparison.Ordinal);
        Assert.True(start > 0, "the inline Montgomery block is missing");
        int end = ptx.IndexOf('}', start);
        string block = ptx[start..end];
        // Each round: a * b_i (the first as four plain low products) then the reduction by q * m, each a low-half
        // and a high-half carry chain: 1 + 3 * 2 + 4 * 2 chain heads, 2 + 3 * 5 + 4 * 5 chain links, 4 + 4 plain products.
        Assert.Equal(15, CountOf(block, "mad.hi.cc.u64") + CountOf(block, "mad.lo.cc.u64"));
        Assert.Equal(37, CountOf(block, "madc.lo.cc.u64") + CountOf(block, "madc.hi.cc.u64"));
        Assert.Equal(8, CountOf(block, "mul.lo.u64"));
        Assert.Equal(4, CountOf(block, "selp.b64"));
    }

    [Fact]
    public void Every_kernel_of_the_library_is_in_the_PTX_list()
    {
        var declared = typeof(MsmKernels).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Concat(typeof(NttKernels).GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.GetParameters() is [{ ParameterType: var p }, ..] && p == typeof(Index1D))
            .Select(m => m.Name).ToHashSet();
        var listed = Kernels.Values.Select(m => m.Name).ToHashSet();
        Assert.Equal(declared.Order(), listed.Order());
    }

    static int CountOf(string text, string word)
    {
        int count = 0;
        for (int i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + word.Length, StringComparison.Ordinal))
        {
            // "madc.hi.cc.u64" contains no shorter listed mnemonic at a word start, but "mad.lo.cc" must not match "madc".
            if (i == 0 || char.IsWhiteSpace(text[i - 1])) count++;
        }
        return count;
    }
}
