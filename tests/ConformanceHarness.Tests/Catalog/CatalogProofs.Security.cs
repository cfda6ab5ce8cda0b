namespace ConformanceHarness.Tests.Catalog;

/// <summary>Proofs for the relay, forgery and enumeration catalog.</summary>
public static partial class CatalogProofs
{
    private static partial IEnumerable<(string Id, Proof Proof)> SecurityCatalog() => [];
}
