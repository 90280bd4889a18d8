from io import StringIO

import pytest
from django.core.management import call_command

from blog.models import Post
from blog.selectors import post_list

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_published_posts_linking_to_real_products(client):
    call_command("seed_demo", stdout=StringIO())
    posts = list(post_list())
    assert 3 <= len(posts) <= 4
    for post in posts:
        assert client.get(post.get_absolute_url()).status_code == 200
        links = [part.split('"')[0] for part in post.body_html.split('href="')[1:]]
        product_links = [link for link in links if link.startswith("/products/")]
        assert product_links, post.title
        for link in product_links:
            assert client.get(link).status_code == 200, link

    call_command("seed_demo", stdout=StringIO())
    assert Post.objects.count() == len(posts)
