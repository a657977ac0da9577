using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(ZkPot.Benchmarks.FieldBenchmarks).Assembly).Run(args);
