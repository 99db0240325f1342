"""What the page factories share."""

import factory


def many_to_many(field_name: str):
    """A post-generation hook setting a many-to-many field from a list, then saving."""

    @factory.post_generation
    def set_values(self, create, extracted, **kwargs):
        if extracted:
            getattr(self, field_name).set(extracted)
            self.save()

    return set_values
