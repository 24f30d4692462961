from __future__ import annotations

from gallery import masonry


def test_equal_cards_split_evenly_between_the_columns():
    assert masonry.column_starts([1.0] * 8, 4, 100, 10) == [0, 2, 4, 6]
    assert masonry.column_starts([1.0] * 7, 2, 100, 10) == [0, 4]


def test_a_tall_card_fills_a_column_of_its_own():
    # 3 + 1 + 1 + 1 units: the tall first card is a column's worth.
    assert masonry.column_starts([3.0, 1.0, 1.0, 1.0], 2, 100, 0) == [0, 1]


def test_fewer_cards_than_columns_each_open_one():
    assert masonry.column_starts([1.0, 0.5], 4, 100, 10) == [0, 1]
    assert masonry.column_starts([], 4, 100, 10) == []


def test_the_first_row_covers_every_layout_of_the_stylesheet():
    ratios = [1.0] * 12
    assert masonry.first_row(ratios) == {0, 3, 6, 9} | {0, 6}
