namespace ConformanceHarness.Tests.Catalog;

/// <summary>Proofs for the SMTP conformance catalog.</summary>
public static partial class CatalogProofs
{
    private static partial IEnumerable<(string Id, Proof Proof)> SmtpCatalog() => [];
}
