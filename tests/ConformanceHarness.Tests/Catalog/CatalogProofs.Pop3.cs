namespace ConformanceHarness.Tests.Catalog;

/// <summary>Proofs for the POP3 catalog.</summary>
public static partial class CatalogProofs
{
    private static partial IEnumerable<(string Id, Proof Proof)> Pop3Catalog() => [];
}
