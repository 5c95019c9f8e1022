#include "core/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>

namespace qself::core::statistics {
namespace {

constexpr double kTiny = 1e-300;
constexpr double kEpsilon = 1e-15;
constexpr int kMaxIterations = 500;
constexpr double kZ975 = 1.959963984540054;  // the normal quantile of 0.975

// The continued fraction of the incomplete beta function (Abramowitz and
// Stegun 26.5.8), evaluated by Lentz's method.
double beta_continued_fraction(double a, double b, double x) {
  const auto guard = [](double value) { return std::abs(value) < kTiny ? kTiny : value; };
  double c = 1;
  double d = 1 / guard(1 - (a + b) * x / (a + 1));
  double result = d;
  for (int m = 1; m <= kMaxIterations; ++m) {
    const double m2 = 2.0 * m;
    double term = m * (b - m) * x / ((a - 1 + m2) * (a + m2));
    d = 1 / guard(1 + term * d);
    c = guard(1 + term / c);
    result *= d * c;
    term = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2));
    d = 1 / guard(1 + term * d);
    c = guard(1 + term / c);
    const double step = d * c;
    result *= step;
    if (std::abs(step - 1) < kEpsilon) break;
  }
  return result;
}

// Whether any two values differ. Squared deviations cannot tell: the mean of six
// 0.1s is 0.09999999999999999, and no 0.1 deviates from it by 0.
bool has_spread(std::span<const double> values) {
  return std::adjacent_find(values.begin(), values.end(), std::not_equal_to<>()) != values.end();
}

double two_sided_t(double t, double degrees_of_freedom) {
  return std::clamp(2 * student_t_cdf(-std::abs(t), degrees_of_freedom), 0.0, 1.0);
}

}  // namespace

double mean(std::span<const double> values) {
  if (values.empty()) return 0;
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

double standard_deviation(std::span<const double> values) {
  if (!has_spread(values)) return 0;
  const double centre = mean(values);
  double squares = 0;
  for (const double value : values) squares += (value - centre) * (value - centre);
  return std::sqrt(squares / static_cast<double>(values.size() - 1));
}

std::vector<double> ranks(std::span<const double> values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> result(values.size());
  for (std::size_t first = 0; first < order.size();) {
    std::size_t end = first + 1;
    while (end < order.size() && values[order[end]] == values[order[first]]) ++end;
    // Positions first..end-1 hold ranks first+1..end: their mean.
    const double shared = (static_cast<double>(first + 1) + static_cast<double>(end)) / 2;
    for (std::size_t i = first; i < end; ++i) result[order[i]] = shared;
    first = end;
  }
  return result;
}

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double incomplete_beta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double front =
      std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
  // The fraction converges fast on the side of the distribution's mean it is given.
  if (x < (a + 1) / (a + b + 2)) return front * beta_continued_fraction(a, b, x) / a;
  return 1 - front * beta_continued_fraction(b, a, 1 - x) / b;
}

double upper_incomplete_gamma(double a, double x) {
  if (x <= 0) return 1;
  const double front = std::exp(-x + a * std::log(x) - std::lgamma(a));
  if (x < a + 1) {
    // The series of the lower function P(a, x); Q = 1 − P.
    double term = 1 / a;
    double sum = term;
    for (int n = 1; n <= kMaxIterations; ++n) {
      term *= x / (a + n);
      sum += term;
      if (std::abs(term) < std::abs(sum) * kEpsilon) break;
    }
    return std::clamp(1 - sum * front, 0.0, 1.0);
  }
  // The continued fraction of Q (Abramowitz and Stegun 6.5.31), by Lentz's method.
  const auto guard = [](double value) { return std::abs(value) < kTiny ? kTiny : value; };
  double b = x + 1 - a;
  double c = 1 / kTiny;
  double d = 1 / b;
  double result = d;
  for (int i = 1; i <= kMaxIterations; ++i) {
    const double term = -i * (i - a);
    b += 2;
    d = 1 / guard(term * d + b);
    c = guard(b + term / c);
    const double step = d * c;
    result *= step;
    if (std::abs(step - 1) < kEpsilon) break;
  }
  return std::clamp(front * result, 0.0, 1.0);
}

double student_t_cdf(double t, double degrees_of_freedom) {
  if (std::isinf(t)) return t > 0 ? 1 : 0;
  const double square = t * t;
  // Near 0, ν / (ν + t²) rounds to 1 and loses t: there the mass between −|t|
  // and |t|, I of t² / (ν + t²), keeps it.
  const double tail =
      square < degrees_of_freedom
          ? 0.5 * (1 - incomplete_beta(0.5, degrees_of_freedom / 2, square / (degrees_of_freedom + square)))
          : 0.5 * incomplete_beta(degrees_of_freedom / 2, 0.5, degrees_of_freedom / (degrees_of_freedom + square));
  return t >= 0 ? 1 - tail : tail;
}

double student_t_quantile(double p, double degrees_of_freedom) {
  if (p <= 0) return -std::numeric_limits<double>::infinity();
  if (p >= 1) return std::numeric_limits<double>::infinity();
  const double nu = degrees_of_freedom;
  const double log_scale = std::lgamma((nu + 1) / 2) - std::lgamma(nu / 2) - 0.5 * std::log(nu * std::acos(-1.0));
  const auto density = [&](double x) { return std::exp(log_scale - (nu + 1) / 2 * std::log1p(x * x / nu)); };
  const auto close = [](double a, double b) { return std::abs(a - b) <= 1e-14 * std::max(1.0, std::abs(a)); };
  // Newton's method on the cdf. From the Cornish–Fisher expansion around the
  // normal quantile (Abramowitz and Stegun 26.7.5) it takes a step or two
  // when there are many degrees of freedom, as for every confidence interval
  // of insights.
  if (nu >= 10) {
    double z = 0;
    for (int i = 0; i < 50; ++i) {
      const double step = (normal_cdf(z) - p) / (std::exp(-z * z / 2) / std::sqrt(2 * std::acos(-1.0)));
      z -= step;
      if (std::abs(step) < 1e-15) break;
    }
    const double z2 = z * z;
    double x = z + z * (z2 + 1) / (4 * nu) + z * ((5 * z2 + 16) * z2 + 3) / (96 * nu * nu) +
               z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / (384 * nu * nu * nu);
    for (int i = 0; i < 8; ++i) {
      const double next = x - (student_t_cdf(x, nu) - p) / density(x);
      if (!std::isfinite(next)) break;
      if (close(next, x)) return next;
      x = next;
    }
  }
  // Otherwise from a bracket that always holds the answer: a step that would
  // leave it bisects instead, so it cannot diverge.
  double low = -1, high = 1;
  while (student_t_cdf(low, nu) > p) low *= 2;
  while (student_t_cdf(high, nu) < p) high *= 2;
  double x = (low + high) / 2;
  for (int i = 0; i < 200; ++i) {
    const double error = student_t_cdf(x, nu) - p;
    if (error == 0) return x;
    (error < 0 ? low : high) = x;
    const double slope = density(x);
    double next = slope > 0 ? x - error / slope : (low + high) / 2;
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (close(next, x) || close(high, low)) return next;
    x = next;
  }
  return x;
}

double chi_square_survival(double x, double degrees_of_freedom) {
  return upper_incomplete_gamma(degrees_of_freedom / 2, x / 2);
}

std::optional<Correlation> pearson(std::span<const double> x, std::span<const double> y,
                                   double z_standard_error_factor) {
  const std::size_t n = x.size();
  if (n != y.size() || n < 4 || !has_spread(x) || !has_spread(y)) return std::nullopt;
  const double mean_x = mean(x), mean_y = mean(y);
  double xx = 0, yy = 0, xy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    xx += (x[i] - mean_x) * (x[i] - mean_x);
    yy += (y[i] - mean_y) * (y[i] - mean_y);
    xy += (x[i] - mean_x) * (y[i] - mean_y);
  }
  if (xx <= 0 || yy <= 0) return std::nullopt;
  Correlation result;
  result.n = n;
  result.rho = std::clamp(xy / std::sqrt(xx * yy), -1.0, 1.0);
  const double count = static_cast<double>(n);
  if (std::abs(result.rho) > 1 - 1e-12) {
    // A perfect line: certain for this data, an interval of one point.
    result.p_value = 0;
    result.ci_low = result.ci_high = result.rho;
    return result;
  }
  const double t = result.rho * std::sqrt((count - 2) / (1 - result.rho * result.rho));
  result.p_value = two_sided_t(t, count - 2);
  const double z = std::atanh(result.rho);
  const double margin = kZ975 * z_standard_error_factor / std::sqrt(count - 3);
  result.ci_low = std::tanh(z - margin);
  result.ci_high = std::tanh(z + margin);
  return result;
}

std::optional<Correlation> spearman_of_ranks(std::span<const double> x_ranks, std::span<const double> y_ranks) {
  return pearson(x_ranks, y_ranks, std::sqrt(1.06));
}

std::optional<Correlation> spearman(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size()) return std::nullopt;
  const auto x_ranks = ranks(x);
  const auto y_ranks = ranks(y);
  return spearman_of_ranks(x_ranks, y_ranks);
}

std::optional<Difference> welch(std::span<const double> a, std::span<const double> b) {
  if (a.size() < 2 || b.size() < 2) return std::nullopt;
  Difference result;
  result.n_a = a.size();
  result.n_b = b.size();
  result.mean_a = mean(a);
  result.mean_b = mean(b);
  result.sd_a = standard_deviation(a);
  result.sd_b = standard_deviation(b);
  result.difference = result.mean_a - result.mean_b;
  const double share_a = result.sd_a * result.sd_a / static_cast<double>(result.n_a);
  const double share_b = result.sd_b * result.sd_b / static_cast<double>(result.n_b);
  const double variance = share_a + share_b;
  const double n = static_cast<double>(result.n_a + result.n_b);
  if (variance <= 0) {
    if (result.difference == 0) return std::nullopt;
    // Every value of one group above every value of the other, and no spread
    // to measure: the chance of so clean a split when the groups do not
    // differ, both ways round, is 2 / C(n, n_a) (Mann–Whitney's exact p).
    const double splits = std::exp(std::lgamma(n + 1) - std::lgamma(static_cast<double>(result.n_a) + 1) -
                                   std::lgamma(static_cast<double>(result.n_b) + 1));
    result.p_value = std::min(1.0, 2 / splits);
    result.degrees_of_freedom = n - 2;
    result.ci_low = result.ci_high = result.difference;
    return result;
  }
  const double error = std::sqrt(variance);
  // Welch–Satterthwaite; a group without spread contributes nothing.
  result.degrees_of_freedom = variance * variance /
                              (share_a * share_a / static_cast<double>(result.n_a - 1) +
                               share_b * share_b / static_cast<double>(result.n_b - 1));
  result.p_value = two_sided_t(result.difference / error, result.degrees_of_freedom);
  const double margin = student_t_quantile(0.975, result.degrees_of_freedom) * error;
  result.ci_low = result.difference - margin;
  result.ci_high = result.difference + margin;
  return result;
}

std::optional<Difference> rates(std::size_t yes_a, std::size_t n_a, std::size_t yes_b, std::size_t n_b) {
  if (n_a == 0 || n_b == 0 || yes_a > n_a || yes_b > n_b) return std::nullopt;
  const double count_a = static_cast<double>(n_a), count_b = static_cast<double>(n_b);
  const double pooled = static_cast<double>(yes_a + yes_b) / (count_a + count_b);
  if (pooled <= 0 || pooled >= 1) return std::nullopt;
  Difference result;
  result.n_a = n_a;
  result.n_b = n_b;
  result.mean_a = static_cast<double>(yes_a) / count_a;
  result.mean_b = static_cast<double>(yes_b) / count_b;
  const auto spread = [](double rate, double count) {
    return count > 1 ? std::sqrt(rate * (1 - rate) * count / (count - 1)) : 0.0;
  };
  result.sd_a = spread(result.mean_a, count_a);
  result.sd_b = spread(result.mean_b, count_b);
  result.difference = result.mean_a - result.mean_b;
  const double pooled_error = std::sqrt(pooled * (1 - pooled) * (1 / count_a + 1 / count_b));
  result.p_value = std::clamp(2 * normal_cdf(-std::abs(result.difference) / pooled_error), 0.0, 1.0);
  const double error =
      std::sqrt(result.mean_a * (1 - result.mean_a) / count_a + result.mean_b * (1 - result.mean_b) / count_b);
  // A difference of rates lies in [-1, 1]; Wald's interval can pass it.
  result.ci_low = std::max(-1.0, result.difference - kZ975 * error);
  result.ci_high = std::min(1.0, result.difference + kZ975 * error);
  result.degrees_of_freedom = std::numeric_limits<double>::infinity();
  return result;
}

std::optional<GroupTest> kruskal_wallis(const std::vector<std::vector<double>>& groups) {
  std::vector<double> pooled;
  std::vector<std::size_t> sizes;
  for (const auto& group : groups) {
    if (group.empty()) continue;
    pooled.insert(pooled.end(), group.begin(), group.end());
    sizes.push_back(group.size());
  }
  const std::size_t k = sizes.size();
  const double n = static_cast<double>(pooled.size());
  if (k < 2 || pooled.size() < k + 1) return std::nullopt;
  const auto pooled_ranks = ranks(pooled);
  double sum = 0;
  std::size_t at = 0;
  for (const std::size_t size : sizes) {
    const double rank_sum = std::accumulate(pooled_ranks.begin() + static_cast<std::ptrdiff_t>(at),
                                            pooled_ranks.begin() + static_cast<std::ptrdiff_t>(at + size), 0.0);
    sum += rank_sum * rank_sum / static_cast<double>(size);
    at += size;
  }
  // Ties: each run of t equal values takes t³ − t from the correction.
  std::vector<double> sorted = pooled;
  std::sort(sorted.begin(), sorted.end());
  double ties = 0;
  for (std::size_t first = 0; first < sorted.size();) {
    std::size_t end = first + 1;
    while (end < sorted.size() && sorted[end] == sorted[first]) ++end;
    const double t = static_cast<double>(end - first);
    ties += t * t * t - t;
    first = end;
  }
  const double correction = 1 - ties / (n * n * n - n);
  if (correction <= 0) return std::nullopt;
  GroupTest result;
  result.n = pooled.size();
  result.degrees_of_freedom = static_cast<double>(k - 1);
  result.statistic = std::max(0.0, (12 / (n * (n + 1)) * sum - 3 * (n + 1)) / correction);
  result.p_value = chi_square_survival(result.statistic, result.degrees_of_freedom);
  return result;
}

std::vector<double> benjamini_hochberg(std::span<const double> p_values) {
  const std::size_t m = p_values.size();
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p_values[a] < p_values[b]; });
  std::vector<double> q(m);
  double smallest = 1;
  // From the largest p-value down: q of rank i is the least p(j)·m/j over j ≥ i.
  for (std::size_t i = m; i-- > 0;) {
    const double scaled = p_values[order[i]] * static_cast<double>(m) / static_cast<double>(i + 1);
    smallest = std::min(smallest, scaled);
    q[order[i]] = smallest;
  }
  return q;
}

std::optional<Line> least_squares(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size() || x.size() < 2 || !has_spread(x)) return std::nullopt;
  const double mean_x = mean(x), mean_y = mean(y);
  double xx = 0, xy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    xx += (x[i] - mean_x) * (x[i] - mean_x);
    xy += (x[i] - mean_x) * (y[i] - mean_y);
  }
  if (xx <= 0) return std::nullopt;
  Line line;
  line.slope = xy / xx;
  line.intercept = mean_y - line.slope * mean_x;
  return line;
}

}  // namespace qself::core::statistics
// statistics.cpp complete
