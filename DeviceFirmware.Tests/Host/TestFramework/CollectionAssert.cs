// Signatures mirror nanoframework/nanoFramework.TestFramework source/TestFramework/CollectionAssert.cs.
using System.Collections;
using System.Runtime.CompilerServices;

namespace nanoFramework.TestFramework
{
    /// <summary>Assertions over collections with the nanoFramework.TestFramework signatures.</summary>
    public sealed class CollectionAssert
    {
        private CollectionAssert()
        {
        }

        /// <summary>Fails unless both collections hold equal elements in the same order.</summary>
        public static void AreEqual(ICollection expected, ICollection actual, [CallerArgumentExpression("actual")] string message = "")
        {
            string reason = Compare(expected, actual);
            if (reason != null)
            {
                Assert.Fail("CollectionAssert.AreEqual", reason + " " + message);
            }
        }

        /// <summary>Fails if both collections hold equal elements in the same order.</summary>
        public static void AreNotEqual(ICollection notExpected, ICollection actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (Compare(notExpected, actual) == null)
            {
                Assert.Fail("CollectionAssert.AreNotEqual", message);
            }
        }

        /// <summary>Fails unless the collection is empty.</summary>
        public static void Empty(ICollection collection, [CallerArgumentExpression("collection")] string message = "")
        {
            if (collection == null || collection.Count != 0)
            {
                Assert.Fail("CollectionAssert.Empty", message);
            }
        }

        /// <summary>Fails if the collection is empty.</summary>
        public static void NotEmpty(ICollection collection, [CallerArgumentExpression("collection")] string message = "")
        {
            if (collection == null || collection.Count == 0)
            {
                Assert.Fail("CollectionAssert.NotEmpty", message);
            }
        }

        private static string Compare(ICollection expected, ICollection actual)
        {
            if (ReferenceEquals(expected, actual))
            {
                return null;
            }

            if (expected == null || actual == null)
            {
                return "One collection is null.";
            }

            if (expected.Count != actual.Count)
            {
                return $"Different number of elements: expected {expected.Count}, actual {actual.Count}.";
            }

            IEnumerator e = expected.GetEnumerator();
            IEnumerator a = actual.GetEnumerator();
            int index = 0;
            while (e.MoveNext() && a.MoveNext())
            {
                if (!Equals(e.Current, a.Current))
                {
                    return $"Element at index {index} differs: expected <{Assert.Show(e.Current)}>, actual <{Assert.Show(a.Current)}>.";
                }

                index++;
            }

            return null;
        }
    }
}
