#pragma once
// The statistical tests behind insights, and the distributions they need.
//
// Every test answers nullopt when the data cannot support it (too few values,
// a constant series, an empty group): "no test" is different from "no effect".
// p-values are two-sided. Confidence intervals are 95 %.

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace qself::core::statistics {

double mean(std::span<const double> values);  // 0 for none
// The sample standard deviation (n − 1); 0 for fewer than two values.
double standard_deviation(std::span<const double> values);

// Ranks from 1, ties sharing the mean of the ranks they span (1, 2.5, 2.5, 4).
std::vector<double> ranks(std::span<const double> values);

// The standard normal distribution, Student's t and the chi-square
// distribution: P(X ≤ x), and for t the x with P(X ≤ x) = p.
double normal_cdf(double x);
double student_t_cdf(double t, double degrees_of_freedom);
double student_t_quantile(double p, double degrees_of_freedom);
double chi_square_survival(double x, double degrees_of_freedom);  // P(X > x)
// The regularized incomplete beta function I_x(a, b) and the regularized upper
// incomplete gamma function Q(a, x), on which the above are built.
double incomplete_beta(double a, double b, double x);
double upper_incomplete_gamma(double a, double x);

struct Correlation {
  double rho = 0;
  std::size_t n = 0;
  double p_value = 1;
  double ci_low = 0, ci_high = 0;
};
// Pearson's r of paired values, its p-value from Student's t with n − 2
// degrees of freedom, and its interval by Fisher's z with the standard error
// `z_standard_error_factor` / sqrt(n − 3). A perfect line (|r| = 1) has
// p = 0 and the interval [r, r]. nullopt: fewer than 4 pairs, sizes that
// differ, or a series without spread.
std::optional<Correlation> pearson(std::span<const double> x, std::span<const double> y,
                                   double z_standard_error_factor = 1.0);
// Spearman's ρ: Pearson's r of the ranks, with the interval of Fieller,
// Hartley and Pearson (1957), whose standard error of z is sqrt(1.06 / (n − 3)).
std::optional<Correlation> spearman(std::span<const double> x, std::span<const double> y);
// The same, from ranks computed already (core::insights ranks within pairs
// without sorting again).
std::optional<Correlation> spearman_of_ranks(std::span<const double> x_ranks, std::span<const double> y_ranks);

struct Difference {
  double mean_a = 0, mean_b = 0;
  double sd_a = 0, sd_b = 0;
  std::size_t n_a = 0, n_b = 0;
  double difference = 0;  // mean_a − mean_b
  double ci_low = 0, ci_high = 0;
  double p_value = 1;
  double degrees_of_freedom = 0;
};
// Welch's t-test of the difference of two means. When neither group has any
// spread (t is undefined) but their values differ, the p-value is the exact
// chance of so clean a split, 2 / C(n_a + n_b, n_a), and the interval is the
// difference alone. nullopt: a group with fewer than 2 values, or every value
// the same.
std::optional<Difference> welch(std::span<const double> a, std::span<const double> b);
// The difference of two rates of yes (values 0 or 1): the z-test with the
// pooled rate for the p-value, Wald's interval (unpooled) for the difference,
// kept within [-1, 1]. nullopt: an empty group, more yes than values, or every
// value the same (no yes or no no at all).
std::optional<Difference> rates(std::size_t yes_a, std::size_t n_a, std::size_t yes_b, std::size_t n_b);

struct GroupTest {
  double statistic = 0;  // H
  double degrees_of_freedom = 0;
  double p_value = 1;
  std::size_t n = 0;
};
// Kruskal–Wallis H, corrected for ties, against chi-square with k − 1 degrees
// of freedom (k: the groups with values). nullopt: fewer than 2 such groups,
// fewer than k + 1 values, or every value the same.
std::optional<GroupTest> kruskal_wallis(const std::vector<std::vector<double>>& groups);

// Benjamini–Hochberg adjusted p-values (q-values), in the order given: a test
// is a discovery at false discovery rate α when its q-value is ≤ α.
std::vector<double> benjamini_hochberg(std::span<const double> p_values);

// Least-squares line through (x, y): y = intercept + slope · x. nullopt: sizes
// that differ, fewer than 2 points, or x without spread.
struct Line {
  double intercept = 0, slope = 0;
};
std::optional<Line> least_squares(std::span<const double> x, std::span<const double> y);

}  // namespace qself::core::statistics
